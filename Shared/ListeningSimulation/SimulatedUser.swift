/// One simulated listener: identity, taste, main device and how much and how often they listen.
struct SimulatedUser: Sendable {
    /// `user_0042`: the user_id in events.
    let id: String
    let taste: ListenerTasteProfile
    /// Index into `ListeningBehaviour.deviceMix`.
    let primaryDevice: Int
    /// Mean number of playbacks per session.
    let meanSessionPlaybacks: Double
    /// Mean wait, beyond the minimum session gap, from the end of one session to the next.
    let meanSessionWaitMs: Double
    /// When the first session starts, after the start of the window.
    let firstSessionOffsetMs: Int64
}
