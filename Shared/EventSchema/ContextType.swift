/// Where playback was started from.
public enum ContextType: String, Sendable, Hashable, CaseIterable {
    case playlist, album, artist, radio, search, other
}
