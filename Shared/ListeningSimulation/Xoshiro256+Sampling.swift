import Foundation

/// Sampling helpers with fixed algorithms, so a seed gives the same world on every toolchain.
extension Xoshiro256 {
    /// Uniform in [0, 1) with 53 bits of precision.
    mutating func unitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in 0..<bound (multiply-shift; the bias, < bound / 2^64, is irrelevant here).
    mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Uniform in the closed range.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// Uniform in [lower, upper).
    mutating func double(in range: Range<Double>) -> Double {
        range.lowerBound + unitDouble() * (range.upperBound - range.lowerBound)
    }

    /// True with the given probability.
    mutating func chance(_ probability: Double) -> Bool {
        unitDouble() < probability
    }

    /// Exponentially distributed with the given mean (inverse transform).
    mutating func exponential(mean: Double) -> Double {
        -mean * log(1 - unitDouble())
    }

    /// 0, 1, 2, ... with P(k) = (1 - p)^k p, i.e. mean (1 - p) / p.
    mutating func geometric(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        let failure = mean / (1 + mean)
        return Int(log(1 - unitDouble()) / log(failure))
    }

    /// Log-normal: exp(mu + sigma * N(0, 1)), with N(0, 1) from Box–Muller.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        let u1 = 1 - unitDouble()
        let u2 = unitDouble()
        let standardNormal = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        return median * exp(sigma * standardNormal)
    }

    /// A uniformly random element of a non-empty collection.
    mutating func element<C: RandomAccessCollection>(of collection: C) -> C.Element where C.Index == Int {
        collection[collection.startIndex + int(below: collection.count)]
    }

    /// Fisher–Yates, with our own index draws (not the standard library's `shuffle(using:)`).
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for index in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(index, int(below: index + 1))
        }
    }
}
