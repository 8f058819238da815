/// Draws an index with probability proportional to its weight (cumulative table + binary search:
/// O(log n) per draw, which for the catalogue's few thousand entries is ~13 comparisons).
struct WeightedIndexSampler: Sendable {
    private let cumulative: [Double]

    init(weights: [Double]) {
        precondition(!weights.isEmpty, "a sampler needs at least one weight")
        var running = 0.0
        var cumulative: [Double] = []
        cumulative.reserveCapacity(weights.count)
        for weight in weights {
            precondition(weight >= 0 && weight.isFinite, "weights must be finite and non-negative")
            running += weight
            cumulative.append(running)
        }
        precondition(running > 0, "at least one weight must be positive")
        self.cumulative = cumulative.map { $0 / running }
    }

    var count: Int { cumulative.count }

    /// The probability of drawing `index`.
    func probability(of index: Int) -> Double {
        cumulative[index] - (index == 0 ? 0 : cumulative[index - 1])
    }

    func sample(using random: inout Xoshiro256) -> Int {
        let target = random.unitDouble()
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) >> 1
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
