import Hummingbird

/// A response body that was cached (or is about to be): the JSON object without `cache_hit`,
/// which is appended when served, so a cache hit costs no decoding or encoding.
struct CachedBody: Sendable {
    /// A JSON object's bytes, ending with `}`.
    var payload: [UInt8]
    var cacheHit: Bool

    var responseBytes: ByteBuffer {
        let tail = cacheHit ? #","cache_hit":true}"# : #","cache_hit":false}"#
        var buffer = ByteBuffer()
        buffer.reserveCapacity(payload.count + tail.utf8.count)
        buffer.writeBytes(payload.dropLast())
        buffer.writeString(tail)
        return buffer
    }
}
