/// An artist: one genre, a few albums, and tracks ranked by popularity.
struct CatalogueArtist: Sendable {
    let id: String
    let name: String
    let genre: Int
    let albums: [Int]
    /// The artist's tracks, most popular first.
    let tracksByPopularity: [Int]
    /// Draws a position in `tracksByPopularity` (Zipf: an artist's hits dominate).
    let trackPopularity: ZipfSampler
}
