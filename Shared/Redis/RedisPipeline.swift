/// Commands collected to be sent in one round trip; replies come back in the same order.
public struct RedisPipeline: Sendable {
    var commands: [[[UInt8]]] = []

    public init() {}

    public var count: Int { commands.count }

    /// Any command, e.g. `pipeline.append("INCRBY", "counter", 5)`.
    public mutating func append(_ command: String, _ arguments: any RedisArgument...) {
        commands.append([Array(command.utf8)] + arguments.map(\.redisBytes))
    }

    public mutating func append(_ command: String, arguments: [any RedisArgument]) {
        commands.append([Array(command.utf8)] + arguments.map(\.redisBytes))
    }

    public mutating func get(_ key: String) { append("GET", key) }

    public mutating func set(_ key: String, to value: some RedisArgument, expiresIn ttl: Duration? = nil) {
        commands.append(RedisCommands.set(key, value, ttl))
    }

    public mutating func del(_ keys: String...) { append("DEL", arguments: keys) }
}

/// Argument lists shared by the client and the pipeline.
enum RedisCommands {
    static func set(_ key: String, _ value: some RedisArgument, _ ttl: Duration?) -> [[UInt8]] {
        var command = [Array("SET".utf8), key.redisBytes, value.redisBytes]
        if let ttl, ttl.components.attoseconds == 0, ttl.components.seconds > 0 {
            command += [Array("EX".utf8), Int(ttl.components.seconds).redisBytes]
        } else if let ttl {
            // PX keeps sub-second TTLs; Redis rejects 0, so round up to at least 1 ms.
            let milliseconds = max(1, Int((Double(ttl.components.seconds) * 1000 + Double(ttl.components.attoseconds) / 1e15).rounded(.up)))
            command += [Array("PX".utf8), milliseconds.redisBytes]
        }
        return command
    }
}
