import Foundation

/// A bounded hand-over from a blocking producer thread to one async consumer.
///
/// The poll thread blocks in `push` while the buffer is full, so a slow caller slows polling
/// instead of growing memory: that is the consumer's back-pressure.
final class BackPressureBuffer<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var elements: [Element] = []
    private var head = 0
    private var waiter: CheckedContinuation<Element?, Never>?
    private var finished = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Appends, waiting while full unless `bypassCapacity` (control events must never wait
    /// behind records). Returns false once the buffer has been finished.
    @discardableResult
    func push(_ element: Element, bypassCapacity: Bool = false) -> Bool {
        condition.lock()
        while !bypassCapacity && !finished && elements.count - head >= capacity {
            condition.wait()
        }
        if finished {
            condition.unlock()
            return false
        }
        if let waiter {
            self.waiter = nil
            condition.unlock()
            waiter.resume(returning: element)
            return true
        }
        elements.append(element)
        condition.unlock()
        return true
    }

    /// The next element, or nil once finished and drained.
    func next() async -> Element? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Element?, Never>) in
                condition.lock()
                if head < elements.count {
                    let element = elements[head]
                    head += 1
                    if head > 1024 && head * 2 > elements.count {
                        elements.removeFirst(head)
                        head = 0
                    }
                    condition.signal()
                    condition.unlock()
                    continuation.resume(returning: element)
                } else if finished || Task.isCancelled {
                    condition.unlock()
                    continuation.resume(returning: nil)
                } else {
                    waiter = continuation
                    condition.unlock()
                }
            }
        } onCancel: {
            condition.lock()
            let waiter = self.waiter
            self.waiter = nil
            condition.unlock()
            waiter?.resume(returning: nil)
        }
    }

    /// Up to `maxCount` elements in order, waiting only while none is there; empty once
    /// finished and drained. One hand-over per batch instead of one per element: for a caller
    /// that passes each record on to an actor, that is one hop per batch.
    func nextBatch(maxCount: Int) async -> [Element] {
        if let batch = takeWaiting(max(1, maxCount)) { return batch }
        // Nothing waiting: wait for one element the usual way.
        return await next().map { [$0] } ?? []
    }

    /// What is waiting, up to `limit` elements, or nil when nothing is.
    private func takeWaiting(_ limit: Int) -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        guard head < elements.count else { return nil }
        let end = min(elements.count, head + limit)
        let batch = Array(elements[head..<end])
        head = end
        if head > 1024 && head * 2 > elements.count {
            elements.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return batch
    }

    /// Ends the sequence: waiting pushers return, the consumer gets what is left, then nil.
    func finish() {
        condition.lock()
        finished = true
        let waiter = self.waiter
        self.waiter = nil
        condition.broadcast()
        condition.unlock()
        waiter?.resume(returning: nil)
    }

    var isFinished: Bool {
        condition.lock()
        defer { condition.unlock() }
        return finished
    }
}
