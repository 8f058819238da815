import Foundation

/// Listening follows the clock: little at night, a morning commute bump, most in the evening.
/// Session starts are drawn from a Poisson process thinned by the hour's weight.
enum DiurnalListeningActivity {
    /// Relative likelihood of starting a session in each UTC hour (peak = 1).
    static let hourlyWeights: [Double] = [
        0.45, 0.30, 0.20, 0.15, 0.15, 0.20, 0.35, 0.60, 0.75, 0.70, 0.65, 0.65,
        0.70, 0.70, 0.70, 0.75, 0.85, 0.95, 1.00, 1.00, 1.00, 0.90, 0.75, 0.60,
    ]
    static let meanWeight = hourlyWeights.reduce(0, +) / Double(hourlyWeights.count)

    /// The next session start at or after `earliestMs`, with a mean wait of about `meanWaitMs`
    /// averaged over the day.
    static func nextStart(notBeforeMs earliestMs: Int64, meanWaitMs: Double, using random: inout Xoshiro256) -> Int64 {
        // Candidates come faster than the target rate; thinning removes 1 - meanWeight of them.
        let candidateMeanMs = meanWaitMs * meanWeight
        var time = earliestMs
        while true {
            time += Int64(random.exponential(mean: candidateMeanMs))
            if random.chance(weight(atMs: time)) { return time }
        }
    }

    static func weight(atMs time: Int64) -> Double {
        let hour = Int((time / 3_600_000) % 24)
        return hourlyWeights[hour < 0 ? hour + 24 : hour]
    }
}
