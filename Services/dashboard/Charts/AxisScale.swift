import Foundation

/// A value axis from 0 to a "nice" maximum with evenly spaced round ticks (0, 250, 500, ...).
struct AxisScale: Sendable {
    let maximum: Double
    let ticks: [Double]

    init(maximumValue: Double, tickCount: Int = 4) {
        guard maximumValue > 0 else {
            maximum = 1
            ticks = [0, 1]
            return
        }
        let rough = maximumValue / Double(tickCount)
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? rough
        maximum = (maximumValue / step).rounded(.up) * step
        ticks = stride(from: 0, through: maximum + step / 2, by: step).map { $0 }
    }

    /// The tick's label: integers with separators (counts are the dashboard's values).
    static func label(_ value: Double) -> String {
        value.rounded() == value ? HTML.number(Int(value)) : HTML.decimal(value, digits: 1)
    }
}
