/// A misbehaviour to serve instead of (or before) a normal answer.
public enum FakeFault: Sendable, Hashable {
    /// 429 with `Retry-After: <seconds>` (nil leaves the header out).
    case rateLimited(retryAfterSeconds: Int?)
    /// A 5xx with Spotify's error object.
    case serverError(status: Int)
    /// 401 "The access token expired", whatever token was sent.
    case expiredToken
    /// 200 with a body cut off mid-JSON.
    case truncatedBody
    /// 200 with valid JSON of the wrong shape.
    case unexpectedJSON
    /// Waits this long, then answers normally (to exercise client timeouts).
    case delay(Duration)
}
