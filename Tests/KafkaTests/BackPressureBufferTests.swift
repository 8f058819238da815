import Foundation
import Testing

@testable import Kafka

/// The hand-over between the poll thread and the consuming task: a full buffer stops the
/// producer side (back-pressure) instead of growing.
@Suite("consumer back-pressure buffer")
struct BackPressureBufferTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() { lock.lock(); value += 1; lock.unlock() }
        var current: Int { lock.lock(); defer { lock.unlock() }; return value }
    }

    @Test("a pusher blocks at capacity and resumes as the consumer takes elements")
    func blocksWhenFull() async throws {
        let buffer = BackPressureBuffer<Int>(capacity: 10)
        let pushed = Counter()
        let thread = Thread {
            for index in 0..<100 {
                buffer.push(index)
                pushed.increment()
            }
        }
        thread.start()
        try await Task.sleep(for: .milliseconds(300))
        #expect(pushed.current == 10, "the pusher stops at the capacity while nobody consumes")
        var received: [Int] = []
        for _ in 0..<100 { received.append(await buffer.next()!) }
        #expect(received == Array(0..<100), "order is kept")
        // The last element can be taken before the pusher thread counts it.
        let deadline = ContinuousClock.now + .seconds(5)
        while pushed.current < 100, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(pushed.current == 100)
    }

    @Test("control events bypass the capacity; finish wakes a blocked pusher and drains")
    func bypassAndFinish() async throws {
        let buffer = BackPressureBuffer<Int>(capacity: 1)
        buffer.push(1)
        #expect(buffer.push(2, bypassCapacity: true), "a rebalance event never waits behind records")
        let blocked = Counter()
        let thread = Thread {
            if !buffer.push(3) { blocked.increment() }
        }
        thread.start()
        try await Task.sleep(for: .milliseconds(100))
        buffer.finish()
        try await Task.sleep(for: .milliseconds(100))
        #expect(blocked.current == 1, "the blocked push returns false once finished")
        #expect(await buffer.next() == 1)
        #expect(await buffer.next() == 2)
        #expect(await buffer.next() == nil)
    }
}

@Suite("consumer back-pressure buffer, in batches")
struct BackPressureBatchTests {
    @Test func batchesKeepOrderStayWithinTheirSizeAndEndWhenFinished() async {
        let buffer = BackPressureBuffer<Int>(capacity: 100)
        for value in 0..<10 { buffer.push(value) }
        #expect(await buffer.nextBatch(maxCount: 4) == [0, 1, 2, 3])
        #expect(await buffer.nextBatch(maxCount: 100) == [4, 5, 6, 7, 8, 9])
        buffer.push(10)
        buffer.finish()
        #expect(await buffer.nextBatch(maxCount: 100) == [10], "what was pushed before finish still arrives")
        #expect(await buffer.nextBatch(maxCount: 100).isEmpty)
    }

    /// An empty buffer waits for the next element rather than returning nothing.
    @Test func anEmptyBufferWaitsForTheNextElement() async {
        let buffer = BackPressureBuffer<Int>(capacity: 1)
        let waiting = Task { await buffer.nextBatch(maxCount: 8) }
        try? await Task.sleep(for: .milliseconds(50))
        buffer.push(1)
        #expect(await waiting.value == [1])
    }

    /// A pusher blocked on a full buffer is released by taking a batch.
    @Test func takingABatchReleasesABlockedPusher() async throws {
        let buffer = BackPressureBuffer<Int>(capacity: 2)
        buffer.push(0)
        buffer.push(1)
        let pushed = BackPressureBufferTests.Counter()
        let pusher = Thread {
            buffer.push(2)
            pushed.increment()
        }
        pusher.start()
        try await Task.sleep(for: .milliseconds(200))
        #expect(pushed.current == 0, "the pusher waits while the buffer is full")
        #expect(await buffer.nextBatch(maxCount: 8) == [0, 1])
        // Polled with a deadline, so that a pusher never released fails the test, not hangs it.
        let deadline = ContinuousClock.now + .seconds(5)
        while pushed.current == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(pushed.current == 1, "taking the batch released the pusher")
        if pushed.current == 1 { #expect(await buffer.nextBatch(maxCount: 8) == [2]) }
    }
}
