import Foundation

/// `SPOTIFY_TOKEN_FILE`: read at start and whenever it may have changed (`poller auth` run
/// again while the service waits), written atomically with mode 0600.
struct TokenStore: Sendable {
    struct Unreadable: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "the token file \(path) cannot be used (\(reason)); run `poller auth` again" }
    }

    let path: String

    /// The stored token, or nil when no Spotify account has been connected yet.
    func load() throws -> SpotifyToken? {
        let bytes: [UInt8]?
        do {
            bytes = try DurableFile.read(path)
        } catch {
            throw Unreadable(path: path, reason: "\(error.localizedDescription)")
        }
        guard let bytes else { return nil }
        do {
            return try Self.decoder.decode(SpotifyToken.self, from: Data(bytes))
        } catch {
            // The decoding error could quote the file's content; say only what is wrong with it.
            throw Unreadable(path: path, reason: "not the JSON `poller auth` writes")
        }
    }

    func save(_ token: SpotifyToken) throws {
        try DurableFile.write(Array(try Self.encoder.encode(token)), to: path, mode: 0o600)
    }

    /// When the file last changed, to notice a new `poller auth` without re-reading every tick.
    func modificationDate() -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
