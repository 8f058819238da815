import CRdKafka
import Foundation

/// Runs a blocking C call off Swift's cooperative pool and awaits its result.
///
/// Each call gets its own thread: a GCD concurrent queue is only as wide as the machine has
/// cores (two here), so a few slow calls (a commit to an unreachable coordinator, a client
/// teardown) would queue every other one behind them.
enum Blocking {
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            detach { continuation.resume(returning: body()) }
        }
    }

    private static func detach(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = "kafka-blocking"
        thread.start()
    }

    /// Runs `body` with a flag that turns true when the awaiting task is cancelled, so long
    /// waits inside it can poll in short slices and give up early.
    static func runCancellable<T: Sendable>(_ body: @escaping @Sendable (CancellationFlag) -> T) async -> T {
        let flag = CancellationFlag()
        return await withTaskCancellationHandler {
            await run { body(flag) }
        } onCancel: {
            flag.cancel()
        }
    }

    /// Destroys a client handle off the caller's thread: `rd_kafka_destroy` waits for the
    /// client's own threads and requests in flight, which must never stall Swift's pool.
    static func destroy(_ handle: OpaquePointer, before: (@Sendable () -> Void)? = nil) {
        nonisolated(unsafe) let handle = handle
        detach {
            before?()
            rd_kafka_destroy(handle)
        }
    }
}

/// Set once when a waiting task is cancelled; read from the blocking thread.
final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }
}
