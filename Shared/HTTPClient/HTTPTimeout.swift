/// How long a request may take: to establish the connection (including DNS and TLS), and in total.
public struct HTTPTimeout: Sendable, Hashable {
    public var connect: Duration
    public var total: Duration

    public init(connect: Duration = .seconds(10), total: Duration = .seconds(30)) {
        self.connect = connect
        self.total = total
    }

    public static let `default` = HTTPTimeout()
}
