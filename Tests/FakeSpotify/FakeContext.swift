/// Where playback started (`context` object); Spotify sends null when there is none.
public struct FakeContext: Sendable, Hashable {
    /// "playlist", "album", "artist", "show", "collection", ...
    public var type: String
    public var id: String

    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }

    public static let playlist = FakeContext(type: "playlist", id: "37i9dQZF1DXcBWIGoYBM5M")
}
