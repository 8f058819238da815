/// Plays at one (ISO weekday 1 = Monday ... 7 = Sunday, UTC hour 0 ... 23).
struct WeekHourCell: Sendable, Equatable {
    var weekday: Int
    var hour: Int
    var plays: Int
}
