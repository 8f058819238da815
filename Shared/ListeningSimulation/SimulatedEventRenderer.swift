import EventSchema
import Foundation

/// Turns planned events into `ListeningEvent`s and their canonical JSON, moving planner time
/// onto the requested window. Everything per event is a lookup: names and ids were built once
/// with the catalogue, so the hot path allocates only the event's JSON bytes.
struct SimulatedEventRenderer: Sendable {
    let catalogue: MusicCatalogue
    let users: [SimulatedUser]
    /// Added to planner time to get real time (milliseconds).
    let timeShiftMs: Int64
    private let encoder = SimulatedEventJSONEncoder()
    private let devices = ListeningBehaviour.deviceMix.map(\.device)
    private let contexts = ListeningBehaviour.contextMix.map(\.context)

    init(catalogue: MusicCatalogue, users: [SimulatedUser], timeShiftMs: Int64) {
        self.catalogue = catalogue
        self.users = users
        self.timeShiftMs = timeShiftMs
    }

    func render(_ planned: PlannedListeningEvent) -> SimulatedEvent {
        let track = catalogue.tracks[planned.track]
        let artist = catalogue.artists[track.artist]
        let album = catalogue.albums[track.album]
        let complete = !planned.omitsOptionalFields
        let event = ListeningEvent(
            eventID: Self.uuid(high: planned.eventIDHigh, low: planned.eventIDLow),
            userID: users[planned.user].id,
            eventType: planned.type,
            trackID: track.id,
            playedAt: EventTimestamp(microsecondsSinceEpoch: (planned.playedAtMs + timeShiftMs) * 1000),
            trackName: track.name,
            artistName: artist.name,
            durationMs: planned.durationOverrideMs ?? track.durationMs,
            albumName: complete ? album.name : nil,
            deviceType: complete ? devices[planned.device] : nil,
            msPlayed: complete ? planned.msPlayed : nil,
            positionMs: planned.positionMs,
            contextType: complete ? contexts[planned.context] : nil,
            artistID: complete ? artist.id : nil,
            albumID: complete ? album.id : nil,
            source: .simulator
        )
        return SimulatedEvent(event: event, json: encoder.encode(event), defect: planned.defect, session: planned.session)
    }

    /// A version-4 (random) UUID from 128 random bits.
    static func uuid(high: UInt64, low: UInt64) -> UUID {
        let versioned = (high & ~0xF000) | 0x4000
        let variant = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return withUnsafeBytes(of: (versioned.bigEndian, variant.bigEndian)) { UUID(uuid: $0.load(as: uuid_t.self)) }
    }
}
