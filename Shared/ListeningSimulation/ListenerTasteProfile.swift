/// What one listener likes: a few preferred genres (most preferred first) and favourite artists
/// in them. Listeners who share genres play overlapping tracks in their sessions, which is the
/// signal gold's co-occurrence and artist-affinity models are meant to find.
struct ListenerTasteProfile: Sendable {
    let preferredGenres: [Int]
    /// Favourite artists per preferred genre, aligned with `preferredGenres`.
    let favouriteArtists: [[Int]]
    /// Draws an index into `preferredGenres`.
    private let preferredChoice: WeightedIndexSampler

    init(catalogue: MusicCatalogue, using random: inout Xoshiro256) {
        let behaviour = ListeningBehaviour.self
        let count = min(behaviour.preferredGenreWeights.count, catalogue.genres.count)
        // Tastes follow genre popularity: more listeners prefer pop than ambient.
        var genres: [Int] = []
        while genres.count < count {
            let genre = catalogue.genrePopularity.sample(using: &random)
            if !genres.contains(genre) { genres.append(genre) }
        }
        preferredGenres = genres
        favouriteArtists = genres.map { genre in
            (0..<behaviour.favouriteArtistsPerGenre).map { _ in catalogue.popularArtist(in: genre, using: &random) }
        }
        preferredChoice = WeightedIndexSampler(weights: Array(behaviour.preferredGenreWeights.prefix(count)))
    }

    /// The genre of a new session.
    func sessionGenre(in catalogue: MusicCatalogue, using random: inout Xoshiro256) -> Int {
        genre(exploring: ListeningBehaviour.sessionExplorationShare, in: catalogue, using: &random)
    }

    /// The genre of a track that drifts away from its session's genre.
    func driftGenre(in catalogue: MusicCatalogue, using random: inout Xoshiro256) -> Int {
        genre(exploring: ListeningBehaviour.driftExplorationShare, in: catalogue, using: &random)
    }

    private func genre(exploring share: Double, in catalogue: MusicCatalogue, using random: inout Xoshiro256) -> Int {
        random.chance(share)
            ? catalogue.genrePopularity.sample(using: &random)
            : preferredGenres[preferredChoice.sample(using: &random)]
    }

    /// An artist of `genre`: sometimes one of the listener's favourites, otherwise by popularity.
    func artist(in genre: Int, catalogue: MusicCatalogue, using random: inout Xoshiro256) -> Int {
        if let slot = preferredGenres.firstIndex(of: genre), random.chance(ListeningBehaviour.favouriteArtistShare) {
            return random.element(of: favouriteArtists[slot])
        }
        return catalogue.popularArtist(in: genre, using: &random)
    }
}
