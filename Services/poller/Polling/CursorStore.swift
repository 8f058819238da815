import Foundation

/// Where the last sync stopped, in one small JSON file (`POLLER_CURSOR_FILE`), written only
/// after the plays before it are in the queue, so a restart continues exactly there.
struct CursorStore: Sendable {
    /// The file's content.
    struct Position: Codable, Sendable, Equatable {
        /// Unix ms of the newest play fetched (Spotify's `cursors.after`).
        var after: String?
        /// event_ids of the latest plays handed over, so a play Spotify returns again (a
        /// cursor that moved back, overlapping pages) is not posted a second time.
        var recentPlayIDs: [String]

        enum CodingKeys: String, CodingKey {
            case after, recentPlayIDs = "recent_play_ids"
        }

        init(after: String? = nil, recentPlayIDs: [String] = []) {
            self.after = after
            self.recentPlayIDs = recentPlayIDs
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            after = try container.decodeIfPresent(String.self, forKey: .after)
            recentPlayIDs = try container.decodeIfPresent([String].self, forKey: .recentPlayIDs) ?? []
        }
    }

    /// Spotify keeps about 50 plays of history; this many ids cover any overlap it can produce.
    static let rememberedPlays = 2_000

    let path: String

    func load() throws -> Position {
        guard let bytes = try DurableFile.read(path) else { return Position() }
        return try JSONDecoder().decode(Position.self, from: Data(bytes))
    }

    func save(_ position: Position) throws {
        var position = position
        position.recentPlayIDs = Array(position.recentPlayIDs.suffix(Self.rememberedPlays))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try DurableFile.write(Array(try encoder.encode(position)), to: path, mode: 0o600)
    }
}
