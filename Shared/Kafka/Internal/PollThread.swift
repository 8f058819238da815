import Foundation

/// A dedicated thread that runs a blocking poll loop until stopped.
///
/// librdkafka's poll calls block for up to their timeout; running them on Swift's cooperative
/// pool (two threads on these machines) would starve every other task.
final class PollThread: @unchecked Sendable {
    private let lock = NSLock()
    private var running = true
    private let finished = DispatchSemaphore(value: 0)

    init(name: String, body: @escaping @Sendable (PollThread) -> Void) {
        let thread = Thread { [self] in
            body(self)
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    /// Asks the loop to stop and waits until it has.
    func stop() {
        lock.lock()
        let wasRunning = running
        running = false
        lock.unlock()
        if wasRunning { finished.wait() }
    }
}
