/// The deliberate dirt in simulated traffic: structurally valid events that silver's rules
/// must deduplicate, flag or filter (docs/CONTRACT.md: semantic oddities are accepted into bronze).
public enum SimulatedDefect: String, Sendable, Hashable, CaseIterable {
    /// An exact re-send of a recent event (same event_id, same bytes), as after a client retry.
    case duplicate
    /// duration_ms ≤ 0 or ≥ 600000 (silver filters outside (0, 600000)).
    case invalidDuration = "invalid_duration"
    /// album_name, device_type, context_type, artist_id, album_id and ms_played left out.
    case missingOptionalFields = "missing_optional_fields"
    /// played_at hours earlier than the surrounding traffic (a client that was offline).
    case lateArrival = "late_arrival"

    /// How the dirty share divides among the kinds.
    static func weight(of defect: SimulatedDefect) -> Double {
        switch defect {
        case .duplicate: 0.30
        case .invalidDuration: 0.25
        case .missingOptionalFields: 0.25
        case .lateArrival: 0.20
        }
    }
}
