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
