/// A binary min-heap of listeners keyed by the time of their next event: popping the earliest
/// interleaves all listeners in time order, like live traffic, in O(log users) per event.
/// Ties go to the lower user index, so the order is fully determined.
struct SimulatedListenerQueue: Sendable {
    private var times: [Int64]
    private var users: [Int]

    /// - Parameter nextEventTimes: the first event time of each user, indexed by user.
    init(nextEventTimes: [Int64]) {
        times = nextEventTimes
        users = Array(nextEventTimes.indices)
        for index in stride(from: times.count / 2 - 1, through: 0, by: -1) { siftDown(from: index) }
    }

    var isEmpty: Bool { times.isEmpty }

    /// The user with the earliest next event, and that event's time.
    var earliest: (user: Int, timeMs: Int64) { (users[0], times[0]) }

    /// Reschedules the earliest user to `timeMs`.
    mutating func rescheduleEarliest(toMs timeMs: Int64) {
        times[0] = timeMs
        siftDown(from: 0)
    }

    private func precedes(_ a: Int, _ b: Int) -> Bool {
        times[a] < times[b] || (times[a] == times[b] && users[a] < users[b])
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < times.count else { return }
            let right = left + 1
            let child = right < times.count && precedes(right, left) ? right : left
            guard precedes(child, parent) else { return }
            times.swapAt(parent, child)
            users.swapAt(parent, child)
            parent = child
        }
    }
}
