/// Where one listener is: the session in progress and the playback whose events are being sent.
struct ListenerState: Sendable {
    var session: ListeningSession
    var playback: SimulatedPlayback
}
