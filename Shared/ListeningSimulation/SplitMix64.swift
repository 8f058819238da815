/// SplitMix64 (Steele, Lea & Flood): turns one 64-bit seed into a stream of well-mixed words.
///
/// The simulator seeds `Xoshiro256` and derives independent sub-seeds (catalogue, listeners,
/// traffic) with it, because xoshiro must not start from a low-entropy state such as a small
/// seed. It is also the seeded generator of the property and fuzz tests and the benchmarks, so
/// that their data is the same on every run: the project's one SplitMix64.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
