/// xoshiro256** (Blackman & Vigna): the simulator's generator.
///
/// Chosen over `SystemRandomNumberGenerator` because output must be reproducible from a seed,
/// and over the standard library's `random(in:using:)` helpers because their algorithms may
/// change between Swift releases; `Xoshiro256+Sampling.swift` holds our own fixed ones.
struct Xoshiro256: RandomNumberGenerator {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// A generator whose stream is independent of other streams derived from the same seed,
    /// so that, e.g., the catalogue stays the same whatever the number of events asked for.
    init(seed: UInt64, stream: SimulationRandomStream) {
        self.init(seed: seed ^ stream.rawValue)
    }

    mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    private func rotateLeft(_ value: UInt64, by count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}
