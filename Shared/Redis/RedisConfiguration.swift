import Foundation

/// Where and how to connect: parsed from `REDIS_URL` (`redis://[[user]:password@]host[:port][/db]`).
public struct RedisConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var database: Int
    public var username: String?
    public var password: String?
    /// Bounds every connection attempt, so a dead server never hangs a caller.
    public var connectTimeout: Duration
    /// Bounds the wait for each reply.
    public var commandTimeout: Duration

    public var endpoint: String { "\(host):\(port)" }

    public init(
        host: String = "127.0.0.1", port: Int = 6379, database: Int = 0, username: String? = nil,
        password: String? = nil, connectTimeout: Duration = .seconds(1), commandTimeout: Duration = .seconds(2)
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.username = username
        self.password = password
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
    }

    public init(url: String, connectTimeout: Duration = .seconds(1), commandTimeout: Duration = .seconds(2)) throws {
        guard let components = URLComponents(string: url), components.scheme == "redis" else {
            throw RedisError.invalidURL("expected redis://host:port/db, got '\(url)'")
        }
        guard let host = components.host, !host.isEmpty else { throw RedisError.invalidURL("no host in '\(url)'") }
        var database = 0
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if !path.isEmpty {
            guard let number = Int(path), number >= 0 else { throw RedisError.invalidURL("database '\(path)' is not a number") }
            database = number
        }
        let user = components.user.flatMap { $0.isEmpty ? nil : $0 }
        self.init(
            host: host, port: components.port ?? 6379, database: database, username: user,
            password: components.password?.removingPercentEncoding ?? components.password,
            connectTimeout: connectTimeout, commandTimeout: commandTimeout)
    }
}
