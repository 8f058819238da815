/// An album: an artist's tracks in running order (what an `album` context plays through).
struct CatalogueAlbum: Sendable {
    let id: String
    let name: String
    let artist: Int
    let tracks: [Int]
}
