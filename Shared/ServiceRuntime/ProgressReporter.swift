import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Progress of a long command on stderr, so that a person can follow it.
///
/// On a terminal, one line rewritten in place (`\r`) at most every `terminalInterval`; anywhere
/// else (a log file, CI) a plain line every `plainInterval`, without control codes. `finish`
/// ends with a newline. stdout stays free for the command's own output.
public final class ProgressReporter: Sendable {
    private struct State {
        var lastShown: ContinuousClock.Instant?
        var shownInPlace = false
    }

    private let label: String
    private let unit: String
    private let total: Int?
    private let started = ContinuousClock.now
    private let onTerminal: Bool
    private let interval: Duration
    private let write: @Sendable (String) -> Void
    private let state = Mutex(State())

    /// - Parameters:
    ///   - total: the expected count, for a percentage and time left (nil: open-ended).
    ///   - onTerminal: defaults to whether stderr is a terminal.
    ///   - write: where lines go (stderr by default; tests capture them).
    public init(
        label: String, unit: String, total: Int? = nil, onTerminal: Bool = isatty(STDERR_FILENO) != 0,
        terminalInterval: Duration = .milliseconds(500), plainInterval: Duration = .seconds(5),
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.label = label
        self.unit = unit
        self.total = total
        self.onTerminal = onTerminal
        self.interval = onTerminal ? terminalInterval : plainInterval
        self.write = write
    }

    /// Reports `done` units so far (shown when the interval has passed since the last line).
    public func update(_ done: Int, detail: String = "") {
        let now = ContinuousClock.now
        let due = state.withLock { state -> Bool in
            if let last = state.lastShown, now - last < interval { return false }
            state.lastShown = now
            state.shownInPlace = onTerminal
            return true
        }
        guard due else { return }
        let line = Self.line(label: label, unit: unit, done: done, total: total, elapsed: now - started, detail: detail)
        write(onTerminal ? "\r\u{1B}[2K" + line : line + "\n")
    }

    /// The last line, always shown, then a newline.
    public func finish(_ done: Int, detail: String = "") {
        let inPlace = state.withLock { $0.shownInPlace }
        let line = Self.line(label: label, unit: unit, done: done, total: total, elapsed: ContinuousClock.now - started, detail: detail)
        write((inPlace ? "\r\u{1B}[2K" : "") + line + "\n")
    }

    /// "simulate: 120,000 / 1,000,000 events (12.0 %), 500 events/s, 4 min 0 s elapsed, about 29 min left · detail".
    static func line(label: String, unit: String, done: Int, total: Int?, elapsed: Duration, detail: String) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var text = "\(label): \(GroupedNumber.text(done))"
        if let total, total > 0 {
            text += " / \(GroupedNumber.text(total)) \(unit) (\(String(format: "%.1f", Double(done) / Double(total) * 100)) %)"
        } else {
            text += " \(unit)"
        }
        text += ", \(GroupedNumber.text(Int(rate.rounded()))) \(unit)/s, \(clock(seconds)) elapsed"
        if let total, total > done, rate > 0 { text += ", about \(clock(Double(total - done) / rate)) left" }
        if !detail.isEmpty { text += " · " + detail }
        return text
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3_600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3_600) h \(whole % 3_600 / 60) min"
    }
}
