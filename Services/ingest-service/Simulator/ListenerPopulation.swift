import Foundation

/// Creates the listeners and calibrates how often each one listens, so that together they
/// produce about `settings.events` events spread over `settings.days` days.
enum ListenerPopulation {
    static func make(settings: SimulationSettings, catalogue: MusicCatalogue) -> [SimulatedUser] {
        let behaviour = ListeningBehaviour.self
        var random = Xoshiro256(seed: settings.seed, stream: .listeners)
        let windowMs = Double(settings.days) * 86_400_000
        // Duplicates take event slots without being playbacks, the rest is ~1.09 events a playback.
        let duplicateShare = settings.dirtyShare * SimulatedDefect.weight(of: .duplicate)
        let playbacks = Double(settings.events) * (1 - duplicateShare) / behaviour.eventsPerPlayback
        let devices = WeightedSampler(weights: behaviour.deviceMix.map(\.weight))

        let activity = (0..<settings.users).map { _ in
            let drawn = random.logNormal(median: 1, sigma: behaviour.activitySigma)
            return min(max(drawn, behaviour.activityRange.lowerBound), behaviour.activityRange.upperBound)
        }
        let totalActivity = activity.reduce(0, +)
        let idWidth = max(4, String(settings.users).count)

        return activity.enumerated().map { index, activity in
            let plannedPlaybacks = playbacks * activity / totalActivity
            // Light listeners have short sessions rather than one long session a week.
            let sessionLength = min(max(plannedPlaybacks / 4, 1), behaviour.maximumMeanSessionPlaybacks)
            let sessions = max(plannedPlaybacks / sessionLength, 1)
            let cycleMs = windowMs / sessions
            let waitMs = cycleMs - sessionLength * behaviour.expectedPlaybackMs - Double(behaviour.minimumSessionGapMs)
            return SimulatedUser(
                id: userID(number: index + 1, width: idWidth),
                taste: TasteProfile(catalogue: catalogue, using: &random),
                primaryDevice: devices.sample(using: &random),
                meanSessionPlaybacks: sessionLength,
                meanSessionWaitMs: max(waitMs, 60_000),
                firstSessionOffsetMs: Int64(random.unitDouble() * min(cycleMs, windowMs))
            )
        }
    }

    /// `user_0042`: zero-padded so ids sort like numbers.
    private static func userID(number: Int, width: Int) -> String {
        let digits = String(number)
        return "user_" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
