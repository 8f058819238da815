/// Shares one `ZipfSampler` among all lists of the same length and exponent (most artists have
/// similar track counts), so a large catalogue does not hold thousands of identical tables.
struct ZipfSamplerCache {
    private var samplers: [Double: [Int: ZipfSampler]] = [:]

    mutating func sampler(count: Int, exponent: Double) -> ZipfSampler {
        if let cached = samplers[exponent]?[count] { return cached }
        let sampler = ZipfSampler(count: count, exponent: exponent)
        samplers[exponent, default: [:]][count] = sampler
        return sampler
    }
}
