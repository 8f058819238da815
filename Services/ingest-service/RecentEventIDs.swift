import Foundation

/// Remembers the event_ids seen within a time window, to count duplicates on `/metrics`.
///
/// Two generations of sets rotate every half window: memory stays bounded by the traffic of
/// one window, and a lookup sees at least the last half window, at most the last full one.
final class RecentEventIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Set<UUID>()
    private var previous = Set<UUID>()
    private var generationStart: Date?
    private let halfWindow: TimeInterval
    /// A hard cap per generation so a flood of unique ids cannot grow memory without bound.
    private let maxPerGeneration: Int

    init(window: Duration, maxPerGeneration: Int = 2_000_000) {
        let seconds = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
        halfWindow = seconds / 2
        self.maxPerGeneration = maxPerGeneration
    }

    /// Records `id` and returns whether it had been seen within the window.
    func insertAndCheckSeen(_ id: UUID, at now: Date) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let start = generationStart ?? now
        if generationStart == nil { generationStart = now }
        if now.timeIntervalSince(start) >= halfWindow || current.count >= maxPerGeneration {
            // After a whole window of silence the previous generation is stale too.
            previous = now.timeIntervalSince(start) >= 2 * halfWindow ? [] : current
            current = []
            generationStart = now
        }
        if previous.contains(id) { return true }
        return !current.insert(id).inserted
    }
}
