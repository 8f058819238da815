/// Just enough XML reading for S3's answers (ListObjectsV2, multipart, errors): their shapes are
/// flat and fixed, so a tag scanner avoids FoundationXML and its extra runtime library.
enum S3XML {
    /// Text of every `<tag>…</tag>` in order, entities decoded.
    static func values(of tag: String, in xml: String) -> [String] {
        var result: [String] = []
        let open = "<\(tag)>", close = "</\(tag)>"
        var rest = xml[...]
        while let start = rest.range(of: open) {
            guard let end = rest.range(of: close, range: start.upperBound..<rest.endIndex) else { break }
            result.append(unescape(String(rest[start.upperBound..<end.lowerBound])))
            rest = rest[end.upperBound...]
        }
        return result
    }

    static func value(of tag: String, in xml: String) -> String? { values(of: tag, in: xml).first }

    /// The inner text of every `<tag>…</tag>` block, undecoded, for nested records such as `<Contents>`.
    static func blocks(_ tag: String, in xml: String) -> [String] {
        var result: [String] = []
        let open = "<\(tag)>", close = "</\(tag)>"
        var rest = xml[...]
        while let start = rest.range(of: open), let end = rest.range(of: close, range: start.upperBound..<rest.endIndex) {
            result.append(String(rest[start.upperBound..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }

    static func escape(_ text: String) -> String {
        text.replacingAll("&", "&amp;").replacingAll("<", "&lt;").replacingAll(">", "&gt;").replacingAll("\"", "&quot;")
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingAll("&lt;", "<").replacingAll("&gt;", ">").replacingAll("&quot;", "\"")
            .replacingAll("&apos;", "'").replacingAll("&#34;", "\"").replacingAll("&amp;", "&")
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
