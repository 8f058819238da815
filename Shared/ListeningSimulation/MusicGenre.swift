/// A genre: the cluster of artists that listeners' tastes (and so sessions) are built around.
struct MusicGenre: Sendable {
    let name: String
    /// The genre's artists, most popular first.
    let artistsByPopularity: [Int]
    /// Draws a position in `artistsByPopularity` (Zipf: a genre's stars take most of its plays).
    let artistPopularity: ZipfSampler
}
