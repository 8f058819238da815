import Foundation
import TestSupport

/// Debian's headless Chromium: the rendered DOM of a page, a screenshot, and the wall time.
enum HeadlessChromium {
    static let executable = "/usr/bin/chromium"
    static let baseArguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-dev-shm-usage",
                                "--virtual-time-budget=3000", "--run-all-compositor-stages-before-draw"]

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// The DOM after scripts ran (`--dump-dom`).
    static func dom(_ url: String, width: Int = 1280) throws -> String {
        let result = try Subprocess.run(executable, baseArguments + ["--window-size=\(width),900", "--dump-dom", url])
        guard result.status == 0 else { throw Failed(description: "chromium --dump-dom \(url) exited \(result.status): \(result.stderr.suffix(500))") }
        return result.stdout
    }

    /// Saves a full-window PNG and returns how long Chromium took (start to exit).
    @discardableResult
    static func screenshot(_ url: String, to path: String, width: Int = 1280, height: Int = 900) throws -> Duration {
        let start = ContinuousClock.now
        let result = try Subprocess.run(executable, baseArguments + ["--window-size=\(width),\(height)", "--screenshot=\(path)", url])
        guard result.status == 0, FileManager.default.fileExists(atPath: path) else {
            throw Failed(description: "chromium --screenshot \(url) exited \(result.status): \(result.stderr.suffix(500))")
        }
        return ContinuousClock.now - start
    }

    /// Where screenshots go: `$STACK_DIR/logs/screenshots` under the stack, else a temporary folder.
    static func screenshotDirectory() throws -> String {
        let base = ProcessInfo.processInfo.environment["STACK_DIR"].map { $0 + "/logs/screenshots" }
            ?? NSTemporaryDirectory() + "dashboard-screenshots"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        return base
    }
}
