/// One value of a chart: its axis label (shown when there is room) and its tooltip text.
struct ChartPoint: Sendable, Equatable {
    var label: String
    var tooltip: String
    var value: Double
}
