/// When a buffer (one topic-partition × event hour) becomes a file: whichever limit comes first.
struct FlushPolicy: Sendable {
    var maxEvents: Int
    var maxBytes: Int
    var maxAge: Duration
}
