/// A Redis reply.
public enum RedisValue: Sendable, Equatable {
    /// A bulk string: arbitrary bytes.
    case bulk([UInt8])
    /// A simple status reply such as `OK` or `PONG`.
    case status(String)
    case integer(Int)
    case array([RedisValue])
    case null
    /// An error reply. Single commands throw `RedisError.server`; a pipeline returns it in place
    /// so one failing command does not hide the others' results.
    case error(String)

    /// The bytes of a bulk or status reply; nil for null.
    public var bytes: [UInt8]? {
        switch self {
        case .bulk(let bytes): bytes
        case .status(let text): Array(text.utf8)
        default: nil
        }
    }

    /// The UTF-8 text of a bulk or status reply; nil for null.
    public var string: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

    public var integer: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }
}
