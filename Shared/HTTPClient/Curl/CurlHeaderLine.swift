/// Parses the header lines libcurl hands to the header callback, one line per call.
enum CurlHeaderLine {
    static func parse(_ line: UnsafeRawBufferPointer, into headers: inout HTTPHeaders) {
        let text = String(decoding: line, as: UTF8.self)
        // A status line starts a new response (after "100 Continue" or a redirect): only the last one counts.
        if text.hasPrefix("HTTP/") {
            headers = HTTPHeaders()
            return
        }
        guard let colon = text.firstIndex(of: ":") else { return }
        let name = text[..<colon].trimmingWhitespace
        let value = text[text.index(after: colon)...].trimmingWhitespace
        guard !name.isEmpty else { return }
        headers.add(name: name, value: value)
    }
}

extension Substring {
    fileprivate var trimmingWhitespace: String {
        // Character.isWhitespace, because "\r\n" is a single Character.
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
