/// Renders received input inside error messages: bounded, so a 1 MB string cannot become a
/// 1 MB error report, and lossy-decoded, so invalid UTF-8 cannot corrupt the report.
enum TextSnippet {
    static let maxBytes = 64

    static func quoted(_ bytes: UnsafeRawBufferPointer) -> String {
        "\"" + plain(bytes) + "\""
    }

    static func plain(_ bytes: UnsafeRawBufferPointer) -> String {
        guard bytes.count > maxBytes else { return String(decoding: bytes, as: UTF8.self) }
        var cut = maxBytes
        // Cut on a character boundary so the snippet does not end in a replacement character.
        while cut > 0, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<cut]), as: UTF8.self) + "…"
    }
}
