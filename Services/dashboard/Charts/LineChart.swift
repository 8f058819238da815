/// A line chart over evenly spaced points (days, hours), with an area fill, every point's value
/// as a tooltip, and at most `maxLabels` axis labels so they never overlap.
enum LineChart {
    static func render(_ frame: ChartFrame, points: [ChartPoint], valueLabel: String, maxLabels: Int = 8) -> String {
        guard !points.isEmpty else { return "" }
        let scale = AxisScale(maximumValue: points.map(\.value).max() ?? 0)
        let step = points.count > 1 ? frame.plotWidth / Double(points.count - 1) : 0
        func x(_ index: Int) -> Double { points.count > 1 ? frame.left + Double(index) * step : frame.left + frame.plotWidth / 2 }
        func y(_ value: Double) -> Double { frame.top + frame.plotHeight * (1 - value / scale.maximum) }
        var svg = frame.open() + frame.valueAxis(scale, label: valueLabel)
        let coordinates = points.indices.map { "\(rounded(x($0))),\(rounded(y(points[$0].value)))" }
        let baseline = rounded(frame.top + frame.plotHeight)
        svg += "<polygon class=\"area\" points=\"\(rounded(x(0))),\(baseline) \(coordinates.joined(separator: " ")) \(rounded(x(points.count - 1))),\(baseline)\"/>"
        svg += "<polyline class=\"line\" points=\"\(coordinates.joined(separator: " "))\"/>"
        let labelEvery = max(1, Int((Double(points.count) / Double(maxLabels)).rounded(.up)))
        let hitWidth = max(4, step)
        for (index, point) in points.enumerated() {
            if index % labelEvery == 0 { svg += frame.categoryLabel(point.label, x: x(index)) }
            if points.count <= 62 {
                svg += "<circle class=\"point\" cx=\"\(rounded(x(index)))\" cy=\"\(rounded(y(point.value)))\" r=\"2.5\"/>"
            }
            // A full-height transparent column per point: the tooltip shows wherever the pointer is.
            svg += "<rect class=\"point-hit\" x=\"\(rounded(x(index) - hitWidth / 2))\" y=\"\(frame.top)\" width=\"\(rounded(hitWidth))\" height=\"\(frame.plotHeight)\"><title>\(HTML.escape(point.tooltip))</title></rect>"
        }
        return svg + "</svg>"
    }

    static func rounded(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
