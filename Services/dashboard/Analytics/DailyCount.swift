/// Plays on one UTC day (`YYYY-MM-DD`).
struct DailyCount: Sendable, Equatable {
    var day: String
    var plays: Int
}
