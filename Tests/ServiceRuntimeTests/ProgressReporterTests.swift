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
        let progress = ProgressReporter(label: "simulate", unit: "events", total: 1_000, onTerminal: false,
                                        plainInterval: .milliseconds(200), write: out.append)
        for done in stride(from: 0, through: 1_000, by: 10) {
            progress.update(done, detail: "\(done) accepted")
            try await Task.sleep(for: .milliseconds(5))
        }
        progress.finish(1_000, detail: "1000 accepted")
        let lines = out.value.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(out.value.hasSuffix("\n"))
        #expect(!out.value.contains("\r") && !out.value.contains("\u{1B}"), "no control codes in a log file")
        // About 0.5 s of updates at one line per 0.2 s: 2–4 lines, plus the final one (and the trailing empty split).
        #expect((3...7).contains(lines.count), "\(lines)")
        #expect(lines[lines.count - 2].hasPrefix("simulate: 1,000 / 1,000 events (100.0 %)"), "\(lines)")
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
