import EventSchema

/// One event as the planner decides it: indices and numbers only, no strings, so the dry run
/// that pins the time window is cheap. `SimulatedEventRenderer` turns it into JSON.
struct PlannedListeningEvent: Sendable, Hashable {
    var type: EventType
    var user: Int
    var track: Int
    /// Planner time (milliseconds); the renderer shifts it onto the requested window.
    var playedAtMs: Int64
    /// Index into `ListeningBehaviour.deviceMix`.
    var device: Int
    /// Index into `ListeningBehaviour.contextMix`.
    var context: Int
    var msPlayed: Int?
    var positionMs: Int?
    /// The 128 random bits of the event_id (version and variant bits set by the renderer).
    var eventIDHigh: UInt64
    var eventIDLow: UInt64
    /// Global session number (ground truth for tests of sessionizing).
    var session: Int
    var defect: SimulatedDefect?
    /// Set by `.invalidDuration`: replaces the track's real duration.
    var durationOverrideMs: Int?
    /// Set by `.missingOptionalFields`.
    var omitsOptionalFields = false
}
