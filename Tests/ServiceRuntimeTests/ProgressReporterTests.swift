import Foundation
@testable import ServiceRuntime
import Synchronization
import Testing

/// Long commands' progress lines: rewritten in place on a terminal, plain periodic lines
/// elsewhere, always ending with a newline and the final count.
@Suite("progress of long commands")
struct ProgressReporterTests {
    final class Captured: Sendable {
        let text = Mutex("")
        func append(_ more: String) { text.withLock { $0 += more } }
        var value: String { text.withLock { $0 } }
    }

    @Test("not a terminal: plain lines at most every interval, no control codes, a final line with the total")
    func plain() async throws {
        let out = Captured()
        let interval = 0.2
        let progress = ProgressReporter(label: "simulate", unit: "events", total: 1_000, onTerminal: false,
                                        plainInterval: .milliseconds(200), write: out.append)
        let started = ContinuousClock.now
        for done in stride(from: 0, through: 1_000, by: 10) {
            progress.update(done, detail: "\(done) accepted")
            try await Task.sleep(for: .milliseconds(5))
        }
        let elapsed = ContinuousClock.now - started
        progress.finish(1_000, detail: "1000 accepted")
        let lines = out.value.split(separator: "\n").map(String.init)
        #expect(out.value.hasSuffix("\n"))
        #expect(!out.value.contains("\r") && !out.value.contains("\u{1B}"), "no control codes in a log file")
        // However slow the machine, no more than one update line per interval (and the first at
        // once), plus the final line.
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let updates = lines.count - 1
        #expect(updates >= 1 && updates <= Int(seconds / interval) + 1, "\(updates) lines in \(seconds) s")
        #expect(lines.last?.hasPrefix("simulate: 1,000 / 1,000 events (100.0 %)") == true, "\(lines)")
        #expect(lines[0].contains("events/s") && lines[0].contains("elapsed"))
    }

    @Test("on a terminal: one line rewritten in place, then a newline")
    func terminal() {
        let out = Captured()
        let progress = ProgressReporter(label: "load", unit: "files", onTerminal: true, terminalInterval: .zero, write: out.append)
        progress.update(1, detail: "of 3 listed")
        progress.update(2, detail: "of 3 listed")
        progress.finish(3, detail: "30 rows added")
        #expect(out.value.components(separatedBy: "\r\u{1B}[2K").count == 4, "each update and the end clear the line")
        #expect(out.value.filter { $0 == "\n" }.count == 1)
        #expect(out.value.contains("load: 3 files, ") && out.value.hasSuffix(" · 30 rows added\n"), "\(out.value)")
    }

    @Test("time left and grouping")
    func format() {
        #expect(ProgressReporter.clock(59) == "59 s")
        #expect(ProgressReporter.clock(125) == "2 min 5 s")
        #expect(ProgressReporter.clock(7_260) == "2 h 1 min")
    }
}
