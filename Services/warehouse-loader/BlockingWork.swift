import Foundation

/// Runs CPU-heavy or blocking work (Parquet decoding) on its own thread, so Swift's cooperative
/// threads keep serving requests and COPY traffic meanwhile.
enum BlockingWork {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
