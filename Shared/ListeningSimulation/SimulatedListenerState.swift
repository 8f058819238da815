/// Where one listener is: the session in progress and the playback whose events are being sent.
struct SimulatedListenerState: Sendable {
    var session: SimulatedListeningSession
    var playback: SimulatedPlayback
}
