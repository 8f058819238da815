/// What one listener likes: a few preferred genres (most preferred first) and favourite artists
/// in them. Listeners who share genres play overlapping tracks in their sessions, which is the
/// signal gold's co-occurrence and artist-affinity models are meant to find.
struct TasteProfile: Sendable {
    let preferredGenres: [Int]
    /// Favourite artists per preferred genre, aligned with `preferredGenres`.
    let favouriteArtists: [[Int]]
    /// Draws an index into `preferredGenres`, or `preferredGenres.count` for exploration.
    private let genreChoice: WeightedSampler

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
        genreChoice = WeightedSampler(weights: Array(behaviour.preferredGenreWeights.prefix(count)) + [behaviour.explorationWeight])
    }

    /// The genre of a new session (or of a track drifting away from the session's genre).
    func genre(in catalogue: MusicCatalogue, using random: inout Xoshiro256) -> Int {
        let choice = genreChoice.sample(using: &random)
        return choice < preferredGenres.count ? preferredGenres[choice] : catalogue.genrePopularity.sample(using: &random)
    }

    /// An artist of `genre`: sometimes one of the listener's favourites, otherwise by popularity.
    func artist(in genre: Int, catalogue: MusicCatalogue, using random: inout Xoshiro256) -> Int {
        if let slot = preferredGenres.firstIndex(of: genre), random.chance(ListeningBehaviour.favouriteArtistShare) {
            return random.element(of: favouriteArtists[slot])
        }
        return catalogue.popularArtist(in: genre, using: &random)
    }
}
