/// One HTTP request. The body is bytes, sent exactly as given (no implicit form encoding).
public struct HTTPRequest: Sendable, Hashable {
    public var method: HTTPMethod
    public var url: String
    public var headers: HTTPHeaders
    /// nil sends no body; an empty array sends `Content-Length: 0`.
    public var body: [UInt8]?
    /// Off by default: a redirect to another host would carry signed or bearer headers with it.
    public var followRedirects: Bool

    public init(
        method: HTTPMethod = .get, url: String, headers: HTTPHeaders = [:], body: [UInt8]? = nil,
        followRedirects: Bool = false
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.followRedirects = followRedirects
    }
}
