/// The Data quality page: per day, the plays silver kept and those it rejected by reason (for
/// the page's filters), and the all-time checks of `silver.silver_quality_summary`.
struct QualityData: Sendable, Equatable {
    struct Day: Sendable, Equatable {
        var day: String
        var accepted: Int
        var rejected: [String: Int]

        var rejectedTotal: Int { rejected.values.reduce(0, +) }
    }

    struct Check: Sendable, Equatable {
        var dataset: String
        var check: String
        var rows: Int
    }

    var days: [Day]
    var checks: [Check]

    /// Every reason that occurs, in a fixed order (the model's rule order, then any other).
    var reasons: [String] {
        let present = Set(days.flatMap(\.rejected.keys))
        return Self.ruleOrder.filter(present.contains) + present.subtracting(Self.ruleOrder).sorted()
    }

    /// silver_plays_rejected's rules, in the order the model applies them.
    static let ruleOrder = ["invalid_event_id", "duplicate", "null_user_id", "missing_track_or_time", "invalid_duration"]
}
