import Foundation

/// Runs CPU-heavy or blocking work (Parquet encoding and decoding) on its own thread, so Swift's
/// cooperative threads — only as many as there are CPUs, one when a service is pinned to a core —
/// keep answering /ready, /metrics and requests meanwhile.
public enum BlockingWork {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
