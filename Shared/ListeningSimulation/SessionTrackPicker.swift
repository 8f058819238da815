/// Chooses the tracks of a session according to its context: albums play through in order,
/// artist sessions stay with one artist, playlists/radio/search mostly stay in the session's
/// genre. Genre-coherent sessions are what make tracks co-occur meaningfully.
struct SessionTrackPicker: Sendable {
    let catalogue: MusicCatalogue
    private let contexts: WeightedIndexSampler
    private let devices: WeightedIndexSampler

    init(catalogue: MusicCatalogue) {
        self.catalogue = catalogue
        contexts = WeightedIndexSampler(weights: ListeningBehaviour.contextMix.map(\.weight))
        devices = WeightedIndexSampler(weights: ListeningBehaviour.deviceMix.map(\.weight))
    }

    func startSession(number: Int, of user: SimulatedUser, using random: inout Xoshiro256) -> SimulatedListeningSession {
        let taste = user.taste
        let genre = taste.sessionGenre(in: catalogue, using: &random)
        let focusArtist = taste.artist(in: genre, catalogue: catalogue, using: &random)
        let album = random.element(of: catalogue.artists[focusArtist].albums)
        // Album sessions usually start at the first track, sometimes part-way through.
        let albumPosition = random.chance(0.7) ? 0 : random.int(below: catalogue.albums[album].tracks.count)
        return SimulatedListeningSession(
            number: number,
            remainingPlaybacks: 1 + random.geometric(mean: user.meanSessionPlaybacks - 1),
            genre: genre,
            context: contexts.sample(using: &random),
            device: random.chance(ListeningBehaviour.primaryDeviceShare) ? user.primaryDevice : devices.sample(using: &random),
            focusArtist: focusArtist,
            album: album,
            albumPosition: albumPosition
        )
    }

    func nextTrack(in session: inout SimulatedListeningSession, of user: SimulatedUser, using random: inout Xoshiro256) -> Int {
        switch ListeningBehaviour.contextMix[session.context].context {
        case .album:
            if session.albumPosition >= catalogue.albums[session.album].tracks.count {
                // The album ended: carry on with another album from the session's genre.
                let artist = user.taste.artist(in: session.genre, catalogue: catalogue, using: &random)
                session.album = random.element(of: catalogue.artists[artist].albums)
                session.albumPosition = 0
            }
            defer { session.albumPosition += 1 }
            return catalogue.albums[session.album].tracks[session.albumPosition]
        case .artist:
            return catalogue.popularTrack(of: session.focusArtist, using: &random)
        default:
            let genre = random.chance(ListeningBehaviour.sessionGenreStickiness)
                ? session.genre : user.taste.driftGenre(in: catalogue, using: &random)
            let artist = user.taste.artist(in: genre, catalogue: catalogue, using: &random)
            return catalogue.popularTrack(of: artist, using: &random)
        }
    }
}
