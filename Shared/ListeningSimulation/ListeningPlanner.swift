import EventSchema

/// The simulation's state machine: yields `settings.events` planned events, all listeners
/// interleaved in time order, with the configured share of dirty ones.
///
/// Deterministic: the same settings give the same sequence, which is what lets
/// `ListeningSimulator` run it twice (a cheap dry run to pin the window, then for real).
struct ListeningPlanner: IteratorProtocol, Sendable {
    private let users: [SimulatedUser]
    private let picker: SessionTrackPicker
    private let dirtyShare: Double
    private let defects: WeightedIndexSampler
    private var random: Xoshiro256
    private var listeners: [SimulatedListenerState] = []
    private var queue: SimulatedListenerQueue
    private var recent = RecentPlannedListeningEvents()
    private var sessionsStarted = 0
    private var remainingEvents: Int

    /// - Parameter windowStartMs: planner time at which the window starts.
    init(settings: SimulationSettings, catalogue: MusicCatalogue, users: [SimulatedUser], windowStartMs: Int64) {
        self.users = users
        picker = SessionTrackPicker(catalogue: catalogue)
        dirtyShare = settings.dirtyShare
        defects = WeightedIndexSampler(weights: SimulatedDefect.allCases.map(SimulatedDefect.weight(of:)))
        random = Xoshiro256(seed: settings.seed, stream: .traffic)
        remainingEvents = settings.events
        queue = SimulatedListenerQueue(nextEventTimes: [])
        listeners.reserveCapacity(users.count)
        for user in users {
            var session = startSession(for: user)
            let playback = startPlayback(in: &session, of: user, atMs: windowStartMs + user.firstSessionOffsetMs)
            listeners.append(SimulatedListenerState(session: session, playback: playback))
        }
        queue = SimulatedListenerQueue(nextEventTimes: listeners.map(\.playback.stageTimeMs))
    }

    mutating func next() -> PlannedListeningEvent? {
        guard remainingEvents > 0 else { return nil }
        remainingEvents -= 1
        guard random.chance(dirtyShare) else { return remember(nextListeningEvent()) }

        let defect = SimulatedDefect.allCases[defects.sample(using: &random)]
        if defect == .duplicate, var original = recent.randomElement(using: &random) {
            original.defect = .duplicate
            return original
        }
        var event = nextListeningEvent()
        // Nothing has been sent yet to duplicate: the slot is still dirty, in another way.
        SimulatedDefectInjector.apply(defect == .duplicate ? .missingOptionalFields : defect, to: &event, using: &random)
        return remember(event)
    }

    private mutating func remember(_ event: PlannedListeningEvent) -> PlannedListeningEvent {
        recent.append(event)
        return event
    }

    /// The next event of the listener whose next event is earliest; then reschedules them.
    private mutating func nextListeningEvent() -> PlannedListeningEvent {
        let user = queue.earliest.user
        var state = listeners[user]
        let event = plannedEvent(for: state, user: user)
        state.playback.advance()
        if state.playback.isFinished {
            let endMs = state.playback.endMs
            if state.session.remainingPlaybacks == 0 {
                state.session = startSession(for: users[user])
                let startMs = DiurnalListeningActivity.nextStart(
                    notBeforeMs: endMs + ListeningBehaviour.minimumSessionGapMs,
                    meanWaitMs: users[user].meanSessionWaitMs, using: &random
                )
                state.playback = startPlayback(in: &state.session, of: users[user], atMs: startMs)
            } else {
                state.playback = startPlayback(in: &state.session, of: users[user], atMs: endMs + interTrackGapMs())
            }
        }
        listeners[user] = state
        queue.rescheduleEarliest(toMs: state.playback.stageTimeMs)
        return event
    }

    private mutating func startSession(for user: SimulatedUser) -> SimulatedListeningSession {
        defer { sessionsStarted += 1 }
        return picker.startSession(number: sessionsStarted, of: user, using: &random)
    }

    private mutating func startPlayback(in session: inout SimulatedListeningSession, of user: SimulatedUser, atMs startMs: Int64) -> SimulatedPlayback {
        session.remainingPlaybacks -= 1
        let track = picker.nextTrack(in: &session, of: user, using: &random)
        return SimulatedPlayback(track: track, startMs: startMs, catalogue: picker.catalogue, using: &random)
    }

    private mutating func interTrackGapMs() -> Int64 {
        let gap = random.chance(ListeningBehaviour.pauseShare) ? ListeningBehaviour.pauseMs : ListeningBehaviour.interTrackGapMs
        return gap.lowerBound + Int64(random.int(below: Int(gap.upperBound - gap.lowerBound)))
    }

    private mutating func plannedEvent(for state: SimulatedListenerState, user: Int) -> PlannedListeningEvent {
        let playback = state.playback
        let type: EventType = switch playback.stage {
        case .nowPlaying: .nowPlaying
        case .outcome: playback.skipped ? .skip : .play
        case .like, .finished: .like
        }
        let reportsProgress = type == .play || type == .skip
        return PlannedListeningEvent(
            type: type, user: user, track: playback.track, playedAtMs: playback.stageTimeMs,
            device: state.session.device, context: state.session.context,
            msPlayed: reportsProgress ? playback.listenedMs : nil,
            positionMs: type == .skip ? playback.listenedMs : nil,
            eventIDHigh: random.next(), eventIDLow: random.next(), session: state.session.number
        )
    }
}
