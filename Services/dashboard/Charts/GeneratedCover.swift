/// A cover drawn from the track itself when it has no album art: two colours derived from the
/// track id (stable across refreshes) and the title's initials.
enum GeneratedCover {
    static func render(trackID: String, title: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in trackID.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let hue = Int(hash % 360)
        let secondHue = (hue + 40 + Int((hash >> 9) % 80)) % 360
        let initials = title.split(separator: " ").prefix(2).compactMap(\.first).map { String($0).uppercased() }.joined()
        let id = "cover-\(hash)"
        return """
        <svg class="cover" viewBox="0 0 200 200" role="img" aria-label="Generated cover for \(HTML.escape(title))"><defs><linearGradient id="\(id)" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(\(hue) 62% 38%)"/><stop offset="1" stop-color="hsl(\(secondHue) 70% 22%)"/></linearGradient></defs><rect width="200" height="200" fill="url(#\(id))"/><circle cx="150" cy="52" r="70" fill="#fff" opacity=".08"/><text x="100" y="122" text-anchor="middle" font-family="system-ui,sans-serif" font-size="64" font-weight="700" fill="#fff">\(HTML.escape(initials.isEmpty ? "♪" : initials))</text></svg>
        """
    }
}
