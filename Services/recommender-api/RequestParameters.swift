import Hummingbird
import ServiceRuntime

/// Validation of path and query parameters, with the 400 answers docs/CONTRACT.md's error body asks for.
enum RequestParameters {
    static let limitRange = 1...50
    static let defaultLimit = 10

    /// docs/CONTRACT.md's track id: 1–64 characters of `[A-Za-z0-9:_-]`.
    static func trackID(_ raw: String?) throws -> String {
        guard let raw, (1...64).contains(raw.utf8.count),
              raw.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }) else {
            throw APIError.badRequest("invalid_track_id", "track_id must be 1 to 64 characters of letters, digits, ':', '_' or '-'.")
        }
        return raw
    }

    /// docs/CONTRACT.md's user id: 1–128 characters, here also without control characters.
    static func userID(_ raw: String?, parameter: String = "user_id") throws -> String {
        guard let raw, (1...128).contains(raw.count), !raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIError.badRequest("invalid_user_id", "\(parameter) must be 1 to 128 characters without control characters.")
        }
        return raw
    }

    /// The optional `user_id` query parameter; present but empty is an error, not "no user".
    static func optionalUserID(_ request: Request) throws -> String? {
        guard let raw = request.uri.queryParameters.get("user_id") else { return nil }
        return try userID(raw)
    }

    /// `limit`: an integer in 1–50, 10 when absent.
    static func limit(_ request: Request) throws -> Int {
        guard let raw = request.uri.queryParameters.get("limit") else { return defaultLimit }
        guard let value = Int(raw), limitRange.contains(value) else {
            throw APIError.badRequest("invalid_limit", "limit must be an integer from \(limitRange.lowerBound) to \(limitRange.upperBound); got '\(raw)'.")
        }
        return value
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
