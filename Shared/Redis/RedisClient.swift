import Dispatch
import Logging

/// A Redis client over hiredis's blocking API.
///
/// Commands run one at a time on the client's own serial dispatch queue (never on Swift's
/// cooperative threads); concurrent callers are queued. Connecting is lazy and bounded by
/// `connectTimeout`; each reply is bounded by `commandTimeout`.
///
/// Reconnection rule: a broken connection is dropped and the next command connects again. A
/// command that was sent when the connection broke fails with `connectionLost` or `timedOut`
/// and is not retried (it may have run). A connection the server closed while idle is
/// detected before sending and replaced transparently, since nothing was sent on it.
public final class RedisClient: Sendable {
    public let configuration: RedisConfiguration
    private let connection: HiredisConnection
    private let queue = DispatchQueue(label: "redis.client")
    private let logger: Logger

    public init(configuration: RedisConfiguration, logger: Logger = Logger(label: "redis")) {
        self.configuration = configuration
        self.logger = logger
        connection = HiredisConnection(configuration: configuration)
    }

    /// A client for `REDIS_URL`-style URLs (`redis://[:password@]host:port/db`).
    public convenience init(
        url: String, connectTimeout: Duration = .seconds(1), commandTimeout: Duration = .seconds(2),
        logger: Logger = Logger(label: "redis")
    ) throws {
        self.init(
            configuration: try RedisConfiguration(url: url, connectTimeout: connectTimeout, commandTimeout: commandTimeout),
            logger: logger)
    }

    // MARK: Commands

    /// Sends any command and returns its reply; an error reply is thrown as `RedisError.server`.
    @discardableResult
    public func send(_ command: String, _ arguments: any RedisArgument...) async throws -> RedisValue {
        try await single([Array(command.utf8)] + arguments.map(\.redisBytes))
    }

    public func ping() async throws {
        let reply = try await single([Array("PING".utf8)])
        guard reply == .status("PONG") else { throw RedisError.protocolError("PING answered \(reply)") }
    }

    /// The value's bytes, or nil when the key does not exist.
    public func get(_ key: String) async throws -> [UInt8]? {
        try await single([Array("GET".utf8), key.redisBytes]).bytes
    }

    /// The value as UTF-8 text, or nil when the key does not exist.
    public func getString(_ key: String) async throws -> String? {
        try await single([Array("GET".utf8), key.redisBytes]).string
    }

    /// `SET key value [EX seconds | PX milliseconds]`.
    public func set(_ key: String, to value: some RedisArgument, expiresIn ttl: Duration? = nil) async throws {
        try await single(RedisCommands.set(key, value, ttl))
    }

    /// Deletes keys; returns how many existed.
    @discardableResult
    public func del(_ keys: String...) async throws -> Int {
        try await del(keys)
    }

    @discardableResult
    public func del(_ keys: [String]) async throws -> Int {
        let reply = try await single([Array("DEL".utf8)] + keys.map(\.redisBytes))
        guard let count = reply.integer else { throw RedisError.protocolError("DEL answered \(reply)") }
        return count
    }

    /// One value per key, nil where the key does not exist.
    public func mget(_ keys: [String]) async throws -> [[UInt8]?] {
        guard !keys.isEmpty else { return [] }
        let reply = try await single([Array("MGET".utf8)] + keys.map(\.redisBytes))
        guard case .array(let values) = reply, values.count == keys.count else {
            throw RedisError.protocolError("MGET answered \(reply)")
        }
        return values.map(\.bytes)
    }

    /// Sends every command of `pipeline` in one round trip; one reply per command, in order.
    /// Error replies are returned in place (`RedisValue.error`), not thrown.
    public func pipeline(_ pipeline: RedisPipeline) async throws -> [RedisValue] {
        guard pipeline.count > 0 else { return [] }
        return try await run(pipeline.commands)
    }

    /// Builds a pipeline with `build` and sends it.
    public func pipeline(_ build: (inout RedisPipeline) -> Void) async throws -> [RedisValue] {
        var pipeline = RedisPipeline()
        build(&pipeline)
        return try await self.pipeline(pipeline)
    }

    /// Closes the connection; the next command opens a new one.
    public func close() async {
        let connection = self.connection
        await withCheckedContinuation { continuation in
            queue.async {
                connection.disconnect()
                continuation.resume()
            }
        }
    }

    // MARK: Plumbing

    @discardableResult
    private func single(_ command: [[UInt8]]) async throws -> RedisValue {
        let reply = try await run([command])[0]
        if case .error(let message) = reply { throw RedisError.server(message) }
        return reply
    }

    private func run(_ commands: [[[UInt8]]]) async throws -> [RedisValue] {
        let connection = self.connection
        do {
            return try await withCheckedThrowingContinuation { continuation in
                queue.async { continuation.resume(with: Result { try connection.execute(commands) }) }
            }
        } catch let error as RedisError {
            switch error {
            case .server: break
            default: logger.warning("redis command failed", metadata: ["error": "\(error)"])
            }
            throw error
        }
    }
}
