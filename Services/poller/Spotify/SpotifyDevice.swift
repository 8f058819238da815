/// The device object of the player endpoints (present only on some answers).
struct SpotifyDevice: Decodable, Sendable {
    var id: String?
    var name: String?
    /// "Computer", "Smartphone", "Speaker", ... (Spotify's spelling).
    var type: String?
    var isActive: Bool?
}
