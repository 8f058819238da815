import Foundation

/// A URL or conninfo string made safe to print in an error or a log line.
///
/// Configuration values such as `POSTGRES_URL` or `REDIS_URL` may carry a password, and a
/// bad one is echoed back so the operator can see what is wrong; the echo must not put the
/// secret into terminals, journald or CI logs. Only the secret parts are replaced with `***`,
/// so the scheme, user, host, port and path stay visible for diagnosis.
public enum RedactedURL {
    /// Query parameters and conninfo keys whose values are secrets.
    static let secretKeys: Set<String> = ["password", "pass", "passwd", "pwd", "token", "secret", "access_token", "api_key", "apikey"]

    public static func redact(_ raw: String) -> String {
        // Done on the text, not through URLComponents: the value is often invalid (that is why
        // it is printed), and a parser that gives up must not make us print it verbatim.
        var text = redactUserinfoPassword(raw)
        text = redactKeyValues(text)
        return text
    }

    /// `scheme://user:password@host` → `scheme://user:***@host`.
    private static func redactUserinfoPassword(_ raw: String) -> String {
        guard let schemeEnd = raw.range(of: "://") else { return raw }
        let authorityStart = schemeEnd.upperBound
        // The authority ends at the first '/', '?' or '#'; its userinfo ends at the last '@'
        // in it (a password may itself contain an unescaped '@').
        let authorityEnd = raw[authorityStart...].firstIndex(where: { "/?#".contains($0) }) ?? raw.endIndex
        let authority = raw[authorityStart..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return raw }
        let userinfo = authority[..<at]
        guard let colon = userinfo.firstIndex(of: ":") else { return raw }
        return String(raw[..<raw.index(after: colon)]) + "***" + String(raw[at...])
    }

    /// `?token=abc&x=1` → `?token=***&x=1`, and libpq's `password=abc host=x` → `password=*** host=x`.
    private static func redactKeyValues(_ raw: String) -> String {
        var result = ""
        var index = raw.startIndex
        while index < raw.endIndex {
            guard let equals = raw[index...].firstIndex(of: "=") else {
                result += raw[index...]
                break
            }
            // The key is the run of key characters right before '='.
            let keyStart = raw[index..<equals].lastIndex(where: { !isKeyCharacter($0) }).map { raw.index(after: $0) } ?? index
            let key = raw[keyStart..<equals].lowercased()
            result += raw[index...equals]
            let valueStart = raw.index(after: equals)
            let valueEnd = endOfValue(in: raw, from: valueStart)
            result += secretKeys.contains(key) && valueStart < valueEnd ? "***" : String(raw[valueStart..<valueEnd])
            index = valueEnd
        }
        return result
    }

    /// A value ends at the next separator of a query ('&', '#') or of conninfo (space); a
    /// conninfo value in single quotes (`password='a b'`) runs to its closing quote.
    private static func endOfValue(in raw: String, from start: String.Index) -> String.Index {
        guard start < raw.endIndex, raw[start] == "'" else {
            return raw[start...].firstIndex(where: { "&# ".contains($0) }) ?? raw.endIndex
        }
        var index = raw.index(after: start)
        while index < raw.endIndex {
            if raw[index] == "\\" {
                index = raw.index(index, offsetBy: 2, limitedBy: raw.endIndex) ?? raw.endIndex
                continue
            }
            if raw[index] == "'" { return raw.index(after: index) }
            index = raw.index(after: index)
        }
        return raw.endIndex
    }

    private static func isKeyCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-"
    }
}
