import Foundation

/// Draws a rank 0..<count with P(rank) ∝ 1 / (rank + 1)^exponent: popularity in music is
/// heavy-tailed (a few hits take most plays), which is what makes "top tracks" and
/// co-occurrence scores meaningful in gold.
struct ZipfSampler: Sendable {
    private let sampler: WeightedIndexSampler

    init(count: Int, exponent: Double) {
        sampler = WeightedIndexSampler(weights: Self.weights(count: count, exponent: exponent))
    }

    /// The unnormalized Zipf weights, for callers that combine them with other factors.
    static func weights(count: Int, exponent: Double) -> [Double] {
        (0..<count).map { rank in 1 / pow(Double(rank + 1), exponent) }
    }

    var count: Int { sampler.count }

    func sample(using random: inout Xoshiro256) -> Int {
        sampler.sample(using: &random)
    }
}
