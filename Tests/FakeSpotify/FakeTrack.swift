/// A catalogue track the fake serves, with what Spotify's track object needs.
public struct FakeTrack: Sendable, Hashable {
    public var id: String
    public var name: String
    public var artistID: String
    public var artistName: String
    public var albumID: String
    public var albumName: String
    public var durationMs: Int
    /// nil gives the album an empty `images` array, as Spotify does for some releases.
    public var imageURL: String?
    /// A local file: `id` is sent as null and `is_local` is true.
    public var isLocal: Bool

    public init(id: String, name: String, artistID: String, artistName: String, albumID: String, albumName: String,
                durationMs: Int = 200_000, imageURL: String? = "https://i.scdn.co/image/ab67616d0000b273", isLocal: Bool = false) {
        self.id = id
        self.name = name
        self.artistID = artistID
        self.artistName = artistName
        self.albumID = albumID
        self.albumName = albumName
        self.durationMs = durationMs
        self.imageURL = imageURL
        self.isLocal = isLocal
    }

    /// A track with made-up but well-formed ids (22 base-62 characters like Spotify's).
    public static func sample(_ number: Int) -> FakeTrack {
        func id(_ prefix: String) -> String {
            let digits = String(number)
            return prefix + String(repeating: "0", count: 22 - prefix.count - digits.count) + digits
        }
        return FakeTrack(id: id("trk"), name: "Track \(number)", artistID: id("art"), artistName: "Artist \(number % 7)",
                         albumID: id("alb"), albumName: "Album \(number % 11)", durationMs: 150_000 + number * 1_000,
                         imageURL: "https://i.scdn.co/image/\(id("img"))")
    }
}
