/// What the steady-traffic phase of `platform-bench lake-writer` saw of the service's memory.
struct SteadyTrafficReport {
    let rate: Int
    let seconds: Int
    let rssAtStart: Int
    /// VmRSS once a second.
    var samples: [Int] = []
    var produced = 0
    /// Events produced but not taken in 2 minutes after the traffic stopped (0: it kept up).
    var lagAtEnd = 0
    var rssAfter = 0

    func print() {
        func mib(_ bytes: Int) -> String { String(format: "%.0f MiB", Double(bytes) / 1_048_576) }
        Swift.print("== steady traffic: \(rate) events/s for \(seconds) s (\(produced) events), lake-writer RSS")
        guard !samples.isEmpty else { return }
        let half = samples.count / 2
        Swift.print("  at start \(mib(rssAtStart)); under load: median \(mib(samples.sorted()[half])), max \(mib(samples.max()!))")
        Swift.print("  first half max \(mib(samples[..<max(1, half)].max()!)), second half max \(mib(samples[half...].max()!)), at the end \(mib(samples.last!))")
        Swift.print("  after the traffic stopped and was taken in: \(mib(rssAfter)); events not taken in: \(lagAtEnd)")
    }
}
