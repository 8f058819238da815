import Foundation

/// Creates the listeners and calibrates how often each one listens, so that together they
/// produce about `settings.events` events spread over `settings.days` days.
enum SimulatedListenerPopulation {
    static func make(settings: SimulationSettings, catalogue: MusicCatalogue) -> [SimulatedUser] {
        let behaviour = ListeningBehaviour.self
        var random = Xoshiro256(seed: settings.seed, stream: .listeners)
        let windowMs = Double(settings.days) * 86_400_000
        // Duplicates take event slots without being playbacks, the rest is ~1.09 events a playback.
        let duplicateShare = settings.dirtyShare * SimulatedDefect.weight(of: .duplicate)
        let playbacks = Double(settings.events) * (1 - duplicateShare) / behaviour.eventsPerPlayback
        let devices = WeightedIndexSampler(weights: behaviour.deviceMix.map(\.weight))

        let activity = (0..<settings.users).map { _ in
            let drawn = random.logNormal(median: 1, sigma: behaviour.activitySigma)
            return min(max(drawn, behaviour.activityRange.lowerBound), behaviour.activityRange.upperBound)
        }
        let capacity = behaviour.maximumPlaybacksPerUserPerDay * Double(settings.days)
        let planned = plannedPlaybacks(total: playbacks, activity: activity, capacity: capacity)
        let idWidth = max(4, String(settings.users).count)

        return planned.enumerated().map { index, plannedPlaybacks in
            // Light listeners have short sessions rather than one long session a week.
            let sessionLength = min(max(plannedPlaybacks / 4, 1), behaviour.maximumMeanSessionPlaybacks)
            // Fewer than one session means the listener may not show up in the window at all,
            // like an occasional listener; the first session then falls somewhere in a longer cycle.
            let sessions = plannedPlaybacks / sessionLength
            let cycleMs = windowMs / sessions
            let waitMs = cycleMs - sessionLength * behaviour.expectedPlaybackMs - Double(behaviour.minimumSessionGapMs)
            return SimulatedUser(
                id: userID(number: index + 1, width: idWidth),
                taste: ListenerTasteProfile(catalogue: catalogue, using: &random),
                primaryDevice: devices.sample(using: &random),
                meanSessionPlaybacks: sessionLength,
                meanSessionWaitMs: max(waitMs, 60_000),
                // Exponential, not uniform: the sessions then form a stationary Poisson process
                // from the window's start, so the window holds the planned number on average.
                firstSessionOffsetMs: Int64(random.exponential(mean: cycleMs))
            )
        }
    }

    /// Splits `total` playbacks in proportion to activity, but gives nobody more than
    /// `capacity` (they could not fit it in the window: the stream would run past its start);
    /// the excess goes to the others, again in proportion, until it is placed.
    private static func plannedPlaybacks(total: Double, activity: [Double], capacity: Double) -> [Double] {
        var planned = [Double](repeating: 0, count: activity.count)
        var open = Array(activity.indices)
        var remaining = total
        while remaining > 1e-9, !open.isEmpty {
            let openActivity = open.reduce(0) { $0 + activity[$1] }
            var overflow = 0.0
            for user in open {
                planned[user] += remaining * activity[user] / openActivity
                if planned[user] > capacity {
                    overflow += planned[user] - capacity
                    planned[user] = capacity
                }
            }
            open.removeAll { planned[$0] >= capacity }
            remaining = overflow
        }
        return planned
    }

    /// `user_0042`: zero-padded so ids sort like numbers.
    private static func userID(number: Int, width: Int) -> String {
        let digits = String(number)
        return "user_" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
