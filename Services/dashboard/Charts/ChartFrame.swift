/// The shared SVG frame: viewBox (scales with its container), role="img", <title> and <desc>
/// for screen readers, and the plot area's margins.
struct ChartFrame: Sendable {
    var id: String
    var title: String
    var summary: String
    var width = 800.0
    var height = 260.0
    var left = 70.0
    var right = 16.0
    var top = 14.0
    var bottom = 40.0

    var plotWidth: Double { width - left - right }
    var plotHeight: Double { height - top - bottom }

    func open() -> String {
        "<svg class=\"chart\" id=\"\(id)\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" preserveAspectRatio=\"xMidYMid meet\">"
            + "<title id=\"\(id)-title\">\(HTML.escape(title))</title><desc id=\"\(id)-desc\">\(HTML.escape(summary))</desc>"
    }

    /// Horizontal grid lines with value labels, and the two axes.
    func valueAxis(_ scale: AxisScale, label: String) -> String {
        var svg = ""
        for tick in scale.ticks {
            let y = top + plotHeight * (1 - tick / scale.maximum)
            svg += "<line class=\"grid-line\" x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(y)\" y2=\"\(y)\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\">\(AxisScale.label(tick))</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(left)\" x2=\"\(left)\" y1=\"\(top)\" y2=\"\(top + plotHeight)\"/>"
        svg += "<line class=\"axis\" x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(top + plotHeight)\" y2=\"\(top + plotHeight)\"/>"
        svg += "<text x=\"11\" y=\"\(top + plotHeight / 2)\" transform=\"rotate(-90 11 \(top + plotHeight / 2))\" text-anchor=\"middle\">\(HTML.escape(label))</text>"
        return svg
    }

    func categoryLabel(_ text: String, x: Double) -> String {
        "<text x=\"\(x)\" y=\"\(top + plotHeight + 16)\" text-anchor=\"middle\">\(HTML.escape(text))</text>"
    }
}
