import Foundation

/// Timing helpers shared by every benchmark: repeated runs, medians, and one report format.
enum Bench {
    /// Runs `body` `runs` times (after `warmup` untimed runs) and returns each run's seconds.
    static func time(runs: Int, warmup: Int = 1, _ body: () throws -> Void) rethrows -> [Double] {
        for _ in 0..<warmup { try body() }
        return try (0..<runs).map { _ in
            let start = ContinuousClock.now
            try body()
            return (ContinuousClock.now - start).seconds
        }
    }

    static func time(runs: Int, warmup: Int = 1, _ body: () async throws -> Void) async rethrows -> [Double] {
        for _ in 0..<warmup { try await body() }
        var result: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            try await body()
            result.append((ContinuousClock.now - start).seconds)
        }
        return result
    }

    static func median(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "median of no values")
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// One line per measured subject, then the ratio: the shape every benchmark prints.
    static func report(
        title: String, unit: String, ours: (name: String, value: Double),
        reference: (name: String, value: Double), aim: String
    ) {
        func padded(_ text: String) -> String { text.padding(toLength: 42, withPad: " ", startingAt: 0) }
        print("== \(title)")
        print("  " + padded(ours.name) + String(format: "%14.0f ", ours.value) + unit)
        print("  " + padded(reference.name) + String(format: "%14.0f ", reference.value) + unit)
        print("  " + padded("ratio (ours / reference)") + String(format: "%14.2f", ours.value / reference.value) + "   (aim \(aim))")
    }

    /// Peak resident set size of this process so far, in bytes (Linux: VmHWM).
    static func peakRSS() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return kb * 1024
        }
        return 0
    }

    /// Runs a command (a child benchmark process, a reference tool) and returns its standard output.
    static func output(of executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(description: "\(executable) \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct CommandFailure: Error, CustomStringConvertible {
        let description: String
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
