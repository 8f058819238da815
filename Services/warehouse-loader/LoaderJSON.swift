import Foundation

/// The one JSON shape of the loader's replies and CLI output: sorted keys, ISO 8601 dates.
enum LoaderJSON {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }
}
