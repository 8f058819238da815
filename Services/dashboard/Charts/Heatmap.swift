/// Weekday × hour-of-day heatmap: darker green = more plays; each cell's count is its tooltip.
enum Heatmap {
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    static func render(id: String, cells: [WeekHourCell]) -> String {
        var grid = Array(repeating: Array(repeating: 0, count: 24), count: 7)
        for cell in cells where (1...7).contains(cell.weekday) && (0..<24).contains(cell.hour) {
            grid[cell.weekday - 1][cell.hour] += cell.plays
        }
        let maximum = max(1, grid.flatMap { $0 }.max() ?? 0)
        let busiest = grid.enumerated().flatMap { day, hours in hours.enumerated().map { (day, $0.offset, $0.element) } }.max { $0.2 < $1.2 }
        let summary = busiest.map { "Plays by weekday and UTC hour; busiest: \(weekdays[$0.0]) \($0.1):00 with \(HTML.number($0.2)) plays." } ?? "No plays."
        let frame = ChartFrame(id: id, title: "Listening by weekday and hour of day", summary: summary, width: 800, height: 240, left: 44, right: 8, top: 8, bottom: 28)
        let cellWidth = frame.plotWidth / 24
        let cellHeight = frame.plotHeight / 7
        var svg = frame.open()
        for day in 0..<7 {
            svg += "<text x=\"\(frame.left - 8)\" y=\"\(LineChart.rounded(frame.top + (Double(day) + 0.5) * cellHeight + 4))\" text-anchor=\"end\">\(weekdays[day])</text>"
            for hour in 0..<24 {
                let plays = grid[day][hour]
                let intensity = Double(plays) / Double(maximum)
                // From a pale grey-green to the accent green: lightness carries the value.
                let lightness = 96 - intensity * 62
                svg += "<rect x=\"\(LineChart.rounded(frame.left + Double(hour) * cellWidth + 1))\" y=\"\(LineChart.rounded(frame.top + Double(day) * cellHeight + 1))\" width=\"\(LineChart.rounded(cellWidth - 2))\" height=\"\(LineChart.rounded(cellHeight - 2))\" rx=\"3\" fill=\"hsl(141 55% \(Int(lightness))%)\"><title>\(weekdays[day]) \(hour):00–\(hour):59 UTC: \(HTML.number(plays)) plays</title></rect>"
            }
        }
        for hour in stride(from: 0, to: 24, by: 3) {
            svg += frame.categoryLabel("\(hour):00", x: frame.left + (Double(hour) + 0.5) * cellWidth)
        }
        return svg + "</svg>"
    }
}
