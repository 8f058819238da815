import Foundation
import Redis
import Testing
import TestSupport

@Suite("Redis connections: URLs, failures, restarts", .integration)
struct RedisConnectionTests {
    @Test func parsesRedisURLs() throws {
        let full = try RedisConfiguration(url: "redis://app:s%40cret@cache.internal:6380/3")
        #expect(full.host == "cache.internal")
        #expect(full.port == 6380)
        #expect(full.database == 3)
        #expect(full.username == "app")
        #expect(full.password == "s@cret")
        let passwordOnly = try RedisConfiguration(url: "redis://:pw@127.0.0.1")
        #expect(passwordOnly.username == nil)
        #expect(passwordOnly.password == "pw")
        #expect(passwordOnly.port == 6379)
        #expect(passwordOnly.database == 0)
        #expect(throws: RedisError.self) { try RedisConfiguration(url: "http://127.0.0.1:6379") }
        #expect(throws: RedisError.self) { try RedisConfiguration(url: "redis://127.0.0.1:6379/notanumber") }
    }

    @Test func refusedConnectionNamesHostAndPortQuickly() async throws {
        let redis = try RedisClient(url: "redis://127.0.0.1:1/0")
        let start = ContinuousClock.now
        do {
            try await redis.ping()
            Issue.record("expected an error")
        } catch let RedisError.connectionFailed(endpoint, reason) {
            #expect(endpoint == "127.0.0.1:1")
            #expect(reason.contains("refused"))
        }
        // Bounded by the 1 s connect timeout; the bound only has to tell "answered" from "hung"
        // on a shared, loaded machine.
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func stoppedServerFailsFastAndRestartedServerRecovers() async throws {
        let server = try await TemporaryRedisServer.start()
        let redis = try RedisClient(url: server.url, connectTimeout: .milliseconds(500), commandTimeout: .seconds(1))
        try await redis.set("k", to: "before")
        #expect(try await redis.getString("k") == "before")

        try await server.stop()
        let start = ContinuousClock.now
        do {
            _ = try await redis.getString("k")
            Issue.record("expected an error while the server is down")
        } catch let error as RedisError {
            #expect(error == .connectionFailed(endpoint: "127.0.0.1:\(server.port)", reason: "Connection refused"))
        }
        await #expect(throws: RedisError.self) { try await redis.ping() }
        // Bounded by the 1 s connect timeout; the bound only has to tell "answered" from "hung"
        // on a shared, loaded machine.
        #expect(ContinuousClock.now - start < .seconds(10))

        try await server.start()
        try await redis.ping()  // the same client reconnects on the next call
        #expect(try await redis.getString("k") == nil)  // no persistence: a fresh server
        try await redis.set("k", to: "after")
        #expect(try await redis.getString("k") == "after")

        // Restart while the client is idle and connected: the dead socket is noticed before
        // sending, so the first call after the restart already succeeds.
        try await server.stop()
        try await server.start()
        try await redis.ping()
        try await server.stop()
    }

    @Test func authenticatesAndSelectsTheDatabaseFromTheURL() async throws {
        let server = try await TemporaryRedisServer.start(extraArguments: ["--requirepass", "s3cret"])
        let redis = try RedisClient(url: "redis://:s3cret@127.0.0.1:\(server.port)/2")
        try await redis.set("k", to: "in db 2")
        #expect(try await redis.send("CLIENT", "INFO").string?.contains("db=2") == true)
        let wrong = try RedisClient(url: "redis://:nope@127.0.0.1:\(server.port)/0")
        await #expect { try await wrong.ping() } throws: { error in
            guard case RedisError.connectionFailed(_, let reason) = error else { return false }
            return reason.contains("WRONGPASS") || reason.contains("invalid password")
        }
        try await server.stop()
    }
}
