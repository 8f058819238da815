import Foundation

/// Dedicated threads for blocking `curl_easy_perform`, so no transfer ever occupies a thread of
/// Swift's cooperative pool. Threads start on demand up to a limit and exit after sitting idle,
/// so a client that goes quiet (or is dropped) costs nothing.
final class CurlWorkerPool: @unchecked Sendable {
    typealias Job = @Sendable (CurlEasyHandle) -> Void

    private let condition = NSCondition()
    private var pending: [Job] = []
    private var workers = 0
    private var idleWorkers = 0
    private let maxWorkers: Int
    private let idleTimeout: TimeInterval

    init(maxWorkers: Int, idleTimeout: TimeInterval = 30) {
        precondition(maxWorkers > 0, "a worker pool needs at least one thread")
        self.maxWorkers = maxWorkers
        self.idleTimeout = idleTimeout
    }

    func submit(_ job: @escaping Job) {
        condition.lock()
        defer { condition.unlock() }
        pending.append(job)
        if pending.count > idleWorkers, workers < maxWorkers {
            workers += 1
            let thread = Thread { [self] in runWorker() }
            thread.name = "curl-worker"
            thread.start()
        }
        condition.signal()
    }

    private func runWorker() {
        let handle = CurlEasyHandle()
        condition.lock()
        while true {
            while pending.isEmpty {
                idleWorkers += 1
                let woken = condition.wait(until: Date(timeIntervalSinceNow: idleTimeout))
                idleWorkers -= 1
                if !woken, pending.isEmpty {
                    workers -= 1
                    condition.unlock()
                    return
                }
            }
            let job = pending.removeFirst()
            condition.unlock()
            job(handle)
            condition.lock()
        }
    }
}
