/// A vertical bar chart over categories (hours of the day, weekdays), each bar with a tooltip.
enum BarChart {
    static func render(_ frame: ChartFrame, points: [ChartPoint], valueLabel: String, labelEvery: Int = 1) -> String {
        guard !points.isEmpty else { return "" }
        let scale = AxisScale(maximumValue: points.map(\.value).max() ?? 0)
        let slot = frame.plotWidth / Double(points.count)
        let barWidth = slot * 0.72
        var svg = frame.open() + frame.valueAxis(scale, label: valueLabel)
        for (index, point) in points.enumerated() {
            let height = frame.plotHeight * point.value / scale.maximum
            let x = frame.left + Double(index) * slot + (slot - barWidth) / 2
            svg += "<rect class=\"bar\" x=\"\(LineChart.rounded(x))\" y=\"\(LineChart.rounded(frame.top + frame.plotHeight - height))\" width=\"\(LineChart.rounded(barWidth))\" height=\"\(LineChart.rounded(height))\" rx=\"2\"><title>\(HTML.escape(point.tooltip))</title></rect>"
            if index % max(1, labelEvery) == 0 {
                svg += frame.categoryLabel(point.label, x: frame.left + (Double(index) + 0.5) * slot)
            }
        }
        return svg + "</svg>"
    }
}
