/// The bounds the validator enforces, in one place so the ingest docs and the warehouse column
/// sizes can quote them. Lengths count Unicode scalars (what PostgreSQL's varchar counts).
public enum EventLimits {
    /// docs/CONTRACT.md: user_id is 1–128 characters.
    public static let userID = 1...128
    /// docs/CONTRACT.md: track_id is 1–64 characters of `[A-Za-z0-9:_-]`. artist_id and album_id follow
    /// the same rule: they are Spotify ids or URIs too.
    public static let identifier = 1...64
    /// Track, artist and album names. Empty is accepted: Spotify reports local files with an
    /// empty album name, and an odd-but-present value is silver's business, not ingestion's.
    public static let name = 0...1024
    /// album_image_url: long enough for signed CDN URLs.
    public static let url = 0...2048
    /// device_type is free text (unknown devices are accepted), but bounded.
    public static let deviceType = 1...64
    /// Nesting depth allowed inside ignored unknown fields; deeper input is rejected rather
    /// than risking the stack.
    public static let maxDepth = 32
    /// The only schema version this build understands.
    public static let supportedSchemaVersions = 1...1
    /// How far in the future played_at may be before the event is rejected (clock skew allowance).
    public static let maxFutureSkewSeconds: Int64 = 24 * 3600
}
