/// One Kafka record header. Values are bytes; most platform headers are UTF-8 text.
public struct KafkaHeader: Sendable, Equatable {
    public var key: String
    public var value: [UInt8]

    public init(key: String, value: [UInt8]) {
        self.key = key
        self.value = value
    }

    public init(key: String, string: String) {
        self.init(key: key, value: Array(string.utf8))
    }

    public var stringValue: String { String(decoding: value, as: UTF8.self) }
}

extension Array where Element == KafkaHeader {
    /// The value of the first header called `key`, as text.
    public func value(forKey key: String) -> String? {
        first { $0.key == key }?.stringValue
    }
}
