import EventSchema

/// The parameters of simulated listening, in one place, with the reasons for their values.
enum ListeningBehaviour {
    // MARK: Catalogue

    /// Genre popularity falls off gently (pop is big, but niche genres still matter).
    static let genrePopularityExponent = 0.7
    /// Within a genre a few star artists take most plays.
    static let artistPopularityExponent = 0.9
    /// Within an artist the hits dominate more strongly than the catalogue tail.
    static let trackPopularityExponent = 1.1
    /// Track lengths: median 3:30, most between 2 and 6 minutes, clamped so no clean event ever
    /// reaches silver's 600000 ms limit.
    static let medianTrackSeconds = 210.0
    static let trackLengthSigma = 0.3
    static let trackSecondsRange = 95.0...470.0
    /// Album sizes: singles/EPs up to full-length records.
    static let albumTrackCount = 3...14

    // MARK: Playback outcomes (shares of playbacks, i.e. of play + skip events)

    /// A playback ends in exactly one of: a `play` event (listened through, or nearly) or a `skip`
    /// event instead (skipped; no play is emitted, as Spotify's history only keeps real listens).
    /// Per-track factors vary this in skipFactorRange, which has mean 1 so the average holds.
    static let skipShare = 0.25
    static let skipFactorRange = 0.6..<1.4
    /// Likes come only from completed plays, at a rate that makes them ~5% of all playbacks.
    static let likeShare = 0.05
    static var likeChanceAfterCompletedPlay: Double { likeShare / (1 - skipShare) }
    /// A `now_playing` event announces the start of this share of playbacks.
    static let nowPlayingShare = 0.04
    /// Most skips are in the first 30 s (the song was not what the listener wanted); some in the
    /// body of the track; few near the end.
    static let earlySkipShare = 0.6
    static let earlySkipSeconds = 1.5..<30.0
    static let midSkipShare = 0.25
    static let midSkipEndFraction = 0.4
    static let lateSkipFractions = 0.4..<0.95
    /// Completed plays sometimes stop a little before the end (next track pressed in the outro).
    static let partialCompletionShare = 0.12
    static let partialCompletionFractions = 0.6..<1.0
    /// Events per playback on average: the play/skip itself, plus likes and now_playing.
    static let eventsPerPlayback = 1 + likeShare + nowPlayingShare

    // MARK: Sessions

    /// docs/CONTRACT.md's silver layer starts a new session after 30 minutes of inactivity; sessions are
    /// separated by at least this much more so that sessionizing recovers them exactly.
    static let minimumSessionGapMs: Int64 = 31 * 60_000
    /// Within a session the next track usually starts at once (autoplay, a few seconds of UI)...
    static let interTrackGapMs: Range<Int64> = 0..<3_000
    /// ...and sometimes after a pause, always well under the 30-minute session gap.
    static let pauseShare = 0.03
    static let pauseMs: Range<Int64> = 60_000..<720_000
    /// Typical session: ~12 tracks (~40 minutes); light listeners have shorter sessions.
    static let maximumMeanSessionPlaybacks = 12.0
    /// Average wall time of a playback, used only to calibrate session gaps to the window.
    static let expectedPlaybackMs = 175_000.0
    /// Within a session most tracks come from the session's genre; the rest drift to another
    /// of the listener's genres (what playlists and radio do).
    static let sessionGenreStickiness = 0.85
    /// Chance that a genre-driven pick goes to one of the listener's favourite artists.
    static let favouriteArtistShare = 0.3

    // MARK: Listeners

    /// Listening volume per user is log-normal: a few heavy listeners, many light ones.
    static let activitySigma = 0.7
    static let activityRange = 0.15...5.0
    /// Relative weights of a listener's three preferred genres, most preferred first.
    static let preferredGenreWeights = [0.6, 0.28, 0.12]
    /// Chance that a session explores a genre outside the listener's taste (by popularity)...
    static let sessionExplorationShare = 0.05
    /// ...and that a track drifting away from the session's genre does. Together about 90% of
    /// a listener's plays stay in their preferred genres: the signal collaborative filtering
    /// needs (the tests check "> 60%" per listener).
    static let driftExplorationShare = 0.3
    static let favouriteArtistsPerGenre = 2
    /// The most a listener is planned to play in a day: with ~12-track sessions and at least
    /// 31 minutes between sessions, about half the day can be listening, ~250 tracks.
    static let maximumPlaybacksPerUserPerDay = 240.0
    /// Most sessions are on the listener's own main device.
    static let primaryDeviceShare = 0.75

    /// Device mix (docs/CONTRACT.md device types): phones dominate, as in Spotify's own reporting.
    static let deviceMix: [(device: DeviceType, weight: Double)] = [
        (.mobile, 0.46), (.desktop, 0.22), (.web, 0.09), (.speaker, 0.08), (.car, 0.06), (.tv, 0.05), (.tablet, 0.04),
    ]
    /// Where sessions are started from.
    static let contextMix: [(context: ContextType, weight: Double)] = [
        (.playlist, 0.38), (.album, 0.20), (.radio, 0.14), (.artist, 0.12), (.search, 0.10), (.other, 0.06),
    ]
}
