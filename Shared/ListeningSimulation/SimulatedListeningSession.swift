/// A listener's current session: its theme (genre, context, device) and where it has got to.
struct SimulatedListeningSession: Sendable {
    let number: Int
    var remainingPlaybacks: Int
    /// The genre most of the session's tracks come from.
    let genre: Int
    /// Index into `ListeningBehaviour.contextMix`.
    let context: Int
    /// Index into `ListeningBehaviour.deviceMix`.
    let device: Int
    /// For artist sessions: whose tracks are played.
    let focusArtist: Int
    /// For album sessions: the album being played through and the next position in it.
    var album: Int
    var albumPosition: Int
}
