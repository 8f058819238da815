import Foundation
import Redis
import TestSupport
import Testing

@Suite("Redis commands against the shared server", .integration)
struct RedisCommandTests {
    @Test func pingGetSetDel() async throws {
        let redis = try testClient()
        try await redis.ping()
        let key = uniqueKey("basic")
        #expect(try await redis.get(key) == nil)
        try await redis.set(key, to: "Blinding Lights — The Weeknd 🎧")
        #expect(try await redis.getString(key) == "Blinding Lights — The Weeknd 🎧")
        #expect(try await redis.del(key, uniqueKey("absent")) == 1)
        #expect(try await redis.getString(key) == nil)
    }

    @Test func binaryValuesAreByteExact() async throws {
        let redis = try testClient()
        let key = uniqueKey("binary")
        let bytes: [UInt8] = [0, 1, 0xFF, 0x0D, 0x0A, 0, 0x24, 0x2A]
        try await redis.set(key, to: bytes)
        #expect(try await redis.get(key) == bytes)
        try await redis.set(key, to: Data(bytes.reversed()))
        #expect(try await redis.get(key) == bytes.reversed())
        try await redis.set(key, to: [UInt8]())
        #expect(try await redis.get(key) == [])
        try await redis.del(key)
    }

    @Test func mgetKeepsOrderAndMissingKeys() async throws {
        let redis = try testClient()
        let keys = (0..<3).map { uniqueKey("mget\($0)") }
        try await redis.set(keys[0], to: "a")
        try await redis.set(keys[2], to: "c")
        let values = try await redis.mget(keys)
        #expect(values.map { $0.map { String(decoding: $0, as: UTF8.self) } } == ["a", nil, "c"])
        try await redis.del(keys)
    }

    @Test func pipelineSendsManyCommandsAndKeepsErrorsInPlace() async throws {
        let redis = try testClient()
        let prefix = uniqueKey("pipe")
        let replies = try await redis.pipeline { pipeline in
            for i in 0..<100 { pipeline.set("\(prefix):\(i)", to: "value \(i)", expiresIn: .seconds(60)) }
            for i in 0..<100 { pipeline.get("\(prefix):\(i)") }
            pipeline.append("INCR", "\(prefix):0")  // not an integer: an error reply
            pipeline.append("EXISTS", "\(prefix):0", "\(prefix):1", "\(prefix):missing")
        }
        #expect(replies.count == 202)
        #expect(replies[..<100].allSatisfy { $0 == .status("OK") })
        #expect(replies[100..<200].enumerated().allSatisfy { $0.element.string == "value \($0.offset)" })
        guard case .error(let message) = replies[200] else {
            Issue.record("expected an error reply, got \(replies[200])")
            return
        }
        #expect(message.contains("not an integer"))
        #expect(replies[201] == .integer(2))
        try await redis.del((0..<100).map { "\(prefix):\($0)" })
    }

    @Test func expiryWithEX() async throws {
        let redis = try testClient()
        let key = uniqueKey("ttl")
        try await redis.set(key, to: "soon gone", expiresIn: .seconds(1))
        // On a loaded machine a second may pass before the next call; only "never longer" is certain.
        let remaining = try #require(try await redis.send("PTTL", key).integer)
        #expect(remaining <= 1000 && remaining != -1)
        // Same command in one round trip with a read: the value exists right after SET EX.
        let replies = try await redis.pipeline { pipeline in
            pipeline.set(key, to: "soon gone", expiresIn: .seconds(1))
            pipeline.get(key)
        }
        #expect(replies[1].string == "soon gone")
        try await Task.sleep(for: .milliseconds(1200))
        #expect(try await redis.getString(key) == nil)
    }

    @Test func serverErrorCarriesItsText() async throws {
        let redis = try testClient()
        await #expect(throws: RedisError.self) { try await redis.send("NOSUCHCOMMAND", "x") }
        do {
            try await redis.send("NOSUCHCOMMAND")
        } catch let RedisError.server(message) {
            #expect(message.contains("unknown command"))
        }
        try await redis.ping()  // the connection survives an error reply
    }

    @Test func commandTimeoutReportsAndRecovers() async throws {
        let redis = try testClient(commandTimeout: .milliseconds(300))
        let start = ContinuousClock.now
        await #expect(throws: RedisError.timedOut(endpoint: redis.configuration.endpoint, operation: "command")) {
            try await redis.send("BLPOP", uniqueKey("never"), 30)
        }
        // BLPOP would block 30 s: finishing well before shows the 300 ms command timeout fired.
        #expect(ContinuousClock.now - start < .seconds(10))
        try await redis.ping()  // a fresh connection, not the one with a late reply pending
    }

    @Test func concurrentCallersShareOneClient() async throws {
        let redis = try testClient()
        let prefix = uniqueKey("concurrent")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<50 {
                group.addTask {
                    try await redis.set("\(prefix):\(i)", to: i)
                    #expect(try await redis.getString("\(prefix):\(i)") == String(i))
                }
            }
            try await group.waitForAll()
        }
        #expect(try await redis.del((0..<50).map { "\(prefix):\($0)" }) == 50)
    }
}
