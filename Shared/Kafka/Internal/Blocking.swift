import Foundation

/// Runs a blocking C call off Swift's cooperative pool and awaits its result.
enum Blocking {
    private static let queue = DispatchQueue(label: "kafka.blocking", attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }
}
