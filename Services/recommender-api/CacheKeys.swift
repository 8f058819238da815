/// Redis key names (contract: `rec:{track_id}:{limit}`, `rec:{track_id}:u:{user_id}:{limit}`,
/// `now_playing:{user_id}`).
enum CacheKeys {
    static func trackRecommendations(trackID: String, userID: String?, limit: Int) -> String {
        if let userID { return "rec:\(trackID):u:\(userID):\(limit)" }
        return "rec:\(trackID):\(limit)"
    }

    /// `@` cannot occur in a track id, so these keys never collide with a track's, and
    /// invalidating every `rec:*` key drops them too.
    static func userRecommendations(userID: String, limit: Int) -> String {
        "rec:@user:\(userID):\(limit)"
    }

    static func nowPlaying(userID: String) -> String {
        "now_playing:\(userID)"
    }

    /// Sorted set of the users with a current track, scored by `played_at` (ms since the epoch),
    /// for live activity. Not `now_playing:…`: a user id may be any text, even "recent".
    static let recentListeners = "now_playing_recent"

    static let everyRecommendation = "rec:*"

    /// Both variants of one track's keys.
    static func patterns(forTrack trackID: String) -> [String] {
        let escaped = globEscaped(trackID)
        return ["rec:\(escaped):[0-9]*", "rec:\(escaped):u:*"]
    }

    /// Track ids are `[A-Za-z0-9:_-]`, which holds no glob character, but user-supplied text
    /// reaching a MATCH pattern is escaped anyway.
    static func globEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "*?[]\\^".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
