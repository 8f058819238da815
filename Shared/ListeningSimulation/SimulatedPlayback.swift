/// One track played by one listener: what happened and which events report it.
struct SimulatedPlayback: Sendable {
    let track: Int
    let startMs: Int64
    /// How long the track played before the listener moved on (skip position or ms_played).
    let listenedMs: Int
    let skipped: Bool
    let announcesNowPlaying: Bool
    /// When the like happened, after the start; nil when the track was not liked.
    let likeOffsetMs: Int?
    /// The next event of this playback still to be sent.
    private(set) var stage: SimulatedPlaybackStage

    /// Decides the outcome of playing `track` from `startMs`.
    init(track: Int, startMs: Int64, catalogue: MusicCatalogue, using random: inout Xoshiro256) {
        let behaviour = ListeningBehaviour.self
        let durationMs = catalogue.tracks[track].durationMs
        self.track = track
        self.startMs = startMs
        skipped = random.chance(catalogue.tracks[track].skipProbability)
        if skipped {
            listenedMs = Self.skipPosition(durationMs: durationMs, using: &random)
            likeOffsetMs = nil
        } else {
            let fraction = random.chance(behaviour.partialCompletionShare)
                ? random.double(in: behaviour.partialCompletionFractions) : 1
            listenedMs = Int(Double(durationMs) * fraction)
            likeOffsetMs = random.chance(behaviour.likeChanceAfterCompletedPlay)
                ? random.int(in: 10_000...max(10_000, listenedMs - 1)) : nil
        }
        announcesNowPlaying = random.chance(behaviour.nowPlayingShare)
        stage = announcesNowPlaying ? .nowPlaying : .outcome
    }

    var endMs: Int64 { startMs + Int64(listenedMs) }

    var isFinished: Bool { stage == .finished }

    /// When the event of the current stage happens.
    var stageTimeMs: Int64 {
        switch stage {
        case .nowPlaying: startMs
        case .outcome: skipped ? endMs : startMs
        case .like: startMs + Int64(likeOffsetMs ?? 0)
        case .finished: endMs
        }
    }

    mutating func advance() {
        switch stage {
        case .nowPlaying: stage = .outcome
        case .outcome: stage = likeOffsetMs == nil ? .finished : .like
        case .like, .finished: stage = .finished
        }
    }

    /// Where in the track a skip happens: mostly in the first 30 seconds, always before the end.
    private static func skipPosition(durationMs: Int, using random: inout Xoshiro256) -> Int {
        let behaviour = ListeningBehaviour.self
        let duration = Double(durationMs)
        let draw = random.unitDouble()
        let seconds: Double
        if draw < behaviour.earlySkipShare {
            seconds = random.double(in: behaviour.earlySkipSeconds)
        } else if draw < behaviour.earlySkipShare + behaviour.midSkipShare {
            let upper = max(behaviour.earlySkipSeconds.upperBound + 1, duration / 1000 * behaviour.midSkipEndFraction)
            seconds = random.double(in: behaviour.earlySkipSeconds.upperBound..<upper)
        } else {
            seconds = duration / 1000 * random.double(in: behaviour.lateSkipFractions)
        }
        return min(Int(seconds * 1000), durationMs - 1)
    }
}
