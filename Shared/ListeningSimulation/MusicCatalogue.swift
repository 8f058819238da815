import Foundation

/// The simulated music world: genres of artists, their albums and tracks, with popularity.
///
/// Depends only on the seed and the catalogue sizes, so a given seed always names the same
/// tracks whatever the number of events or users asked for.
struct MusicCatalogue: Sendable {
    let genres: [MusicGenre]
    let artists: [CatalogueArtist]
    let albums: [CatalogueAlbum]
    let tracks: [CatalogueTrack]
    /// Draws a genre by overall popularity (exploration, and choosing listeners' tastes).
    let genrePopularity: WeightedIndexSampler

    init(seed: UInt64, trackCount: Int, artistCount: Int) {
        precondition(artistCount >= 1 && trackCount >= artistCount, "invalid catalogue size")
        var random = Xoshiro256(seed: seed, stream: .catalogue)
        let names = CatalogueNameGenerator()
        let behaviour = ListeningBehaviour.self

        let genreCount = min(CatalogueWordLists.genres.count, artistCount)
        let genreWeights = ZipfSampler.weights(count: genreCount, exponent: behaviour.genrePopularityExponent)
        genrePopularity = WeightedIndexSampler(weights: genreWeights)

        // Every genre gets one artist; the rest join genres in proportion to genre popularity.
        var artistGenres = Array(0..<genreCount)
        while artistGenres.count < artistCount { artistGenres.append(genrePopularity.sample(using: &random)) }
        random.shuffle(&artistGenres)

        // Popularity rank within the genre follows artist order after the shuffle.
        var genreMembers = [[Int]](repeating: [], count: genreCount)
        for (artist, genre) in artistGenres.enumerated() { genreMembers[genre].append(artist) }
        var samplers = ZipfSamplerCache()
        genres = genreMembers.enumerated().map { genre, members in
            MusicGenre(
                name: CatalogueWordLists.genres[genre], artistsByPopularity: members,
                artistPopularity: samplers.sampler(count: members.count, exponent: behaviour.artistPopularityExponent)
            )
        }

        let trackCounts = Self.trackCounts(trackCount: trackCount, genres: genres, genreWeights: genreWeights, using: &random)

        var artists: [CatalogueArtist] = []
        var albums: [CatalogueAlbum] = []
        var tracks: [CatalogueTrack] = []
        artists.reserveCapacity(artistCount)
        tracks.reserveCapacity(trackCount)
        for artist in 0..<artistCount {
            var artistTracks: [Int] = []
            var artistAlbums: [Int] = []
            var remaining = trackCounts[artist]
            while remaining > 0 {
                let size = min(remaining, random.int(in: behaviour.albumTrackCount))
                let album = albums.count
                let albumTracks = Array(tracks.count..<(tracks.count + size))
                for _ in 0..<size {
                    tracks.append(Self.track(artist: artist, album: album, names: names, using: &random))
                }
                albums.append(CatalogueAlbum(
                    id: SpotifyStyleIdentifier.make(using: &random), name: names.albumName(using: &random),
                    artist: artist, tracks: albumTracks
                ))
                artistAlbums.append(album)
                artistTracks += albumTracks
                remaining -= size
            }
            random.shuffle(&artistTracks)
            artists.append(CatalogueArtist(
                id: SpotifyStyleIdentifier.make(using: &random), name: names.artistName(using: &random),
                genre: artistGenres[artist], albums: artistAlbums, tracksByPopularity: artistTracks,
                trackPopularity: samplers.sampler(count: artistTracks.count, exponent: behaviour.trackPopularityExponent)
            ))
        }
        self.artists = artists
        self.albums = albums
        self.tracks = tracks
    }

    func genre(ofTrack track: Int) -> Int { artists[tracks[track].artist].genre }

    /// A track of `artist`, by the artist's own popularity ranking.
    func popularTrack(of artist: Int, using random: inout Xoshiro256) -> Int {
        let artist = artists[artist]
        return artist.tracksByPopularity[artist.trackPopularity.sample(using: &random)]
    }

    /// An artist of `genre`, by popularity within the genre.
    func popularArtist(in genre: Int, using random: inout Xoshiro256) -> Int {
        let genre = genres[genre]
        return genre.artistsByPopularity[genre.artistPopularity.sample(using: &random)]
    }

    /// Tracks per artist: each artist has at least a few (a single or an EP); the remainder
    /// goes preferentially to popular artists (of popular genres), who release more.
    private static func trackCounts(
        trackCount: Int, genres: [MusicGenre], genreWeights: [Double], using random: inout Xoshiro256
    ) -> [Int] {
        let artistCount = genres.reduce(0) { $0 + $1.artistsByPopularity.count }
        let minimum = min(3, trackCount / artistCount)
        var counts = [Int](repeating: minimum, count: artistCount)
        var weights = [Double](repeating: 0, count: artistCount)
        for (genre, members) in genres.enumerated() {
            for (rank, artist) in members.artistsByPopularity.enumerated() {
                // Square root: popular artists release more, but not Zipf-many more.
                weights[artist] = (genreWeights[genre] / Double(rank + 1)).squareRoot()
            }
        }
        let sampler = WeightedIndexSampler(weights: weights)
        for _ in 0..<(trackCount - minimum * artistCount) { counts[sampler.sample(using: &random)] += 1 }
        return counts
    }

    private static func track(artist: Int, album: Int, names: CatalogueNameGenerator, using random: inout Xoshiro256) -> CatalogueTrack {
        let behaviour = ListeningBehaviour.self
        let seconds = random.logNormal(median: behaviour.medianTrackSeconds, sigma: behaviour.trackLengthSigma)
        let clamped = min(max(seconds, behaviour.trackSecondsRange.lowerBound), behaviour.trackSecondsRange.upperBound)
        return CatalogueTrack(
            id: SpotifyStyleIdentifier.make(using: &random), name: names.trackName(using: &random),
            artist: artist, album: album, durationMs: Int(clamped * 1000),
            skipProbability: behaviour.skipShare * random.double(in: behaviour.skipFactorRange)
        )
    }
}
