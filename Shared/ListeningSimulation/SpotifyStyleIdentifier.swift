/// Spotify-style ids: 22 characters of base62, the shape of real track, artist and album ids,
/// so simulated data looks like (and passes the same checks as) what the poller brings in.
enum SpotifyStyleIdentifier {
    static let length = 22
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// A fresh id; 62^22 ≈ 2^131 possible values make collisions in a catalogue negligible.
    static func make(using random: inout Xoshiro256) -> String {
        var bytes = [UInt8](repeating: 0, count: length)
        for index in bytes.indices {
            bytes[index] = alphabet[random.int(below: alphabet.count)]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
