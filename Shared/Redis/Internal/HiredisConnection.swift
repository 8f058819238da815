import CHiredis
import Foundation

/// The redisContext and every hiredis call made on it (blocking API).
///
/// Only touched from `RedisClient`'s serial queue, which is what `@unchecked Sendable` relies
/// on. A context that reported an error is freed at once; the next command connects afresh.
final class HiredisConnection: @unchecked Sendable {
    private let configuration: RedisConfiguration
    private var context: UnsafeMutablePointer<redisContext>?

    init(configuration: RedisConfiguration) {
        self.configuration = configuration
    }

    deinit { disconnect() }

    func disconnect() {
        if let context { redisFree(context) }
        context = nil
    }

    /// Sends all commands in one write and reads one reply per command.
    func execute(_ commands: [[[UInt8]]]) throws -> [RedisValue] {
        let context = try connected()
        for command in commands {
            let status = Self.withArgv(command) { argc, argv, lengths in
                redisAppendCommandArgv(context, argc, argv, lengths)
            }
            if status != REDIS_OK { throw failure(context, operation: "command") }
        }
        var replies: [RedisValue] = []
        replies.reserveCapacity(commands.count)
        for _ in commands {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else { throw failure(context, operation: "command") }
            let reply = raw.assumingMemoryBound(to: redisReply.self)
            defer { freeReplyObject(raw) }
            replies.append(try Self.value(of: reply))
        }
        return replies
    }

    // MARK: Connecting

    private func connected() throws -> UnsafeMutablePointer<redisContext> {
        if let context {
            if Self.peerHasClosed(context.pointee.fd) {
                // The server went away while we were idle (restart, timeout): nothing was sent
                // yet, so reconnecting here is safe.
                disconnect()
            } else {
                return context
            }
        }
        guard let fresh = redisConnectWithTimeout(configuration.host, Int32(configuration.port), Self.timeval(configuration.connectTimeout)) else {
            throw RedisError.connectionFailed(endpoint: configuration.endpoint, reason: "out of memory")
        }
        if fresh.pointee.err != 0 {
            let reason = Self.errorText(fresh)
            redisFree(fresh)
            if reason.localizedCaseInsensitiveContains("timed out") {
                throw RedisError.timedOut(endpoint: configuration.endpoint, operation: "connect")
            }
            throw RedisError.connectionFailed(endpoint: configuration.endpoint, reason: reason)
        }
        redisSetTimeout(fresh, Self.timeval(configuration.commandTimeout))
        _ = redisEnableKeepAlive(fresh)
        context = fresh
        do {
            if let password = configuration.password {
                let auth = [Array("AUTH".utf8)] + (configuration.username.map { [Array($0.utf8)] } ?? []) + [Array(password.utf8)]
                try handshake(auth)
            }
            if configuration.database != 0 { try handshake([Array("SELECT".utf8), Array(String(configuration.database).utf8)]) }
        } catch {
            disconnect()
            throw error
        }
        return fresh
    }

    private func handshake(_ command: [[UInt8]]) throws {
        let reply = try execute([command])[0]
        if case .error(let message) = reply {
            throw RedisError.connectionFailed(endpoint: configuration.endpoint, reason: message)
        }
    }

    /// True when the socket is readable and reading shows end of stream or an error. In a
    /// request/response protocol nothing should be pending while idle, so unexpected bytes
    /// (a late reply) also mean the connection can't be trusted.
    private static func peerHasClosed(_ fd: Int32) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else { return false }
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) != -1 || (errno != EAGAIN && errno != EWOULDBLOCK)
    }

    // MARK: Errors and replies

    /// Classifies the context's error and frees the context (hiredis contexts are unusable after one).
    private func failure(_ context: UnsafeMutablePointer<redisContext>, operation: String) -> RedisError {
        let code = errno
        let kind = context.pointee.err
        let reason = Self.errorText(context)
        disconnect()
        if kind == REDIS_ERR_IO, code == EAGAIN || code == EWOULDBLOCK || reason.contains("temporarily unavailable") {
            return .timedOut(endpoint: configuration.endpoint, operation: operation)
        }
        if kind == REDIS_ERR_PROTOCOL { return .protocolError(reason) }
        return .connectionLost(endpoint: configuration.endpoint, reason: reason)
    }

    private static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    private static func value(of reply: UnsafeMutablePointer<redisReply>) throws -> RedisValue {
        let item = reply.pointee
        func bytes() -> [UInt8] {
            guard let text = item.str else { return [] }
            return Array(UnsafeRawBufferPointer(start: text, count: item.len))
        }
        switch item.type {
        case REDIS_REPLY_STRING: return .bulk(bytes())
        case REDIS_REPLY_STATUS: return .status(String(decoding: bytes(), as: UTF8.self))
        case REDIS_REPLY_ERROR: return .error(String(decoding: bytes(), as: UTF8.self))
        case REDIS_REPLY_INTEGER: return .integer(Int(item.integer))
        case REDIS_REPLY_NIL: return .null
        case REDIS_REPLY_ARRAY:
            return .array(try (0..<item.elements).map { try value(of: item.element[$0]!) })
        default: throw RedisError.protocolError("unknown reply type \(item.type)")
        }
    }

    private static func timeval(_ duration: Duration) -> Glibc.timeval {
        let (seconds, attoseconds) = duration.components
        return Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }

    /// Calls `body` with argv/argvlen arrays pointing into one buffer holding every argument.
    private static func withArgv<R>(
        _ arguments: [[UInt8]], _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> R
    ) -> R {
        var storage: [UInt8] = []
        storage.reserveCapacity(arguments.reduce(0) { $0 + $1.count })
        var offsets: [Int] = []
        for argument in arguments {
            offsets.append(storage.count)
            storage.append(contentsOf: argument)
        }
        let lengths = arguments.map(\.count)
        return storage.withUnsafeBufferPointer { buffer in
            // An empty buffer may have no base address; any valid pointer will do for 0-length args.
            let base = UnsafeRawPointer(buffer.baseAddress) ?? UnsafeRawPointer(bitPattern: 1)!
            var argv: [UnsafePointer<CChar>?] = offsets.map { base.advanced(by: $0).assumingMemoryBound(to: CChar.self) }
            return argv.withUnsafeMutableBufferPointer { argvBuffer in
                lengths.withUnsafeBufferPointer { body(Int32(arguments.count), argvBuffer.baseAddress!, $0.baseAddress!) }
            }
        }
    }
}
