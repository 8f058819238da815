import Foundation

/// A value the COPY row writer can append as one field; lets `append(_:)` take optionals.
public protocol PostgresCopyEncodable {
    func append(to writer: PostgresCopyWriter)
}

extension String: PostgresCopyEncodable {
    public func append(to writer: PostgresCopyWriter) { writer.append(self) }
}

extension Substring: PostgresCopyEncodable {
    public func append(to writer: PostgresCopyWriter) { writer.append(self) }
}

extension Int: PostgresCopyEncodable {
    public func append(to writer: PostgresCopyWriter) { writer.append(self) }
}

extension Int64: PostgresCopyEncodable {
    public func append(to writer: PostgresCopyWriter) { writer.append(self) }
}

extension Int32: PostgresCopyEncodable {
    public func append(to writer: PostgresCopyWriter) { writer.append(Int64(self)) }
}

extension Double: PostgresCopyEncodable {
    public func append(to writer: PostgresCopyWriter) { writer.append(self) }
}

extension Bool: PostgresCopyEncodable {
    public func append(to writer: PostgresCopyWriter) { writer.append(self) }
}

extension Date: PostgresCopyEncodable {
    public func append(to writer: PostgresCopyWriter) { writer.append(self) }
}

extension UUID: PostgresCopyEncodable {
    public func append(to writer: PostgresCopyWriter) { writer.append(self) }
}

extension Data: PostgresCopyEncodable {
    public func append(to writer: PostgresCopyWriter) { writer.append(self) }
}

extension Optional: PostgresCopyEncodable where Wrapped: PostgresCopyEncodable {
    public func append(to writer: PostgresCopyWriter) {
        switch self {
        case .some(let value): value.append(to: writer)
        case .none: writer.appendNull()
        }
    }
}
