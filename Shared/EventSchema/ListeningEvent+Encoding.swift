extension ListeningEvent {
    /// Canonical JSON: one line, keys in docs/CONTRACT.md order, absent optionals omitted, event_id in
    /// lowercase, played_at in UTC with `Z`, schema_version always written. Equal events
    /// encode to equal bytes, so the simulator and poller produce stable, diffable output.
    public func canonicalJSON() -> [UInt8] {
        var writer = JSONObjectWriter()
        writer.string(.eventID, eventIDString)
        writer.string(.userID, userID)
        writer.string(.eventType, eventType.rawValue)
        writer.string(.trackID, trackID)
        writer.string(.trackName, trackName)
        writer.string(.artistName, artistName)
        writer.string(.albumName, albumName)
        writer.integer(.durationMs, durationMs)
        writer.string(.playedAt, playedAt.rfc3339)
        writer.string(.deviceType, deviceType?.rawValue)
        writer.integer(.msPlayed, msPlayed)
        writer.integer(.positionMs, positionMs)
        writer.string(.contextType, contextType?.rawValue)
        writer.string(.artistID, artistID)
        writer.string(.albumID, albumID)
        writer.string(.albumImageURL, albumImageURL)
        writer.string(.source, source?.rawValue)
        writer.integer(.schemaVersion, schemaVersion)
        return writer.finish()
    }

    /// `canonicalJSON()` as a String.
    public var canonicalJSONString: String { String(decoding: canonicalJSON(), as: UTF8.self) }
}
