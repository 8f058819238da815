/// Builds plausible artist, album and track names from `CatalogueWordLists`.
///
/// Names are only generated while building the catalogue (a few thousand strings), never per
/// event, so plain string interpolation is fine here.
struct CatalogueNameGenerator {
    private typealias Words = CatalogueWordLists

    func artistName(using random: inout Xoshiro256) -> String {
        switch random.int(below: 7) {
        case 0, 1: "The \(random.element(of: Words.adjectives)) \(random.element(of: Words.nouns))s"
        case 2, 3: "\(random.element(of: Words.firstNames)) \(random.element(of: Words.surnames))"
        case 4: "\(random.element(of: Words.adjectives)) \(random.element(of: Words.nouns))"
        case 5: "\(random.element(of: Words.firstNames)) & the \(random.element(of: Words.nouns))s"
        default: "DJ \(random.element(of: Words.nouns))"
        }
    }

    func albumName(using random: inout Xoshiro256) -> String {
        switch random.int(below: 6) {
        case 0, 1: "\(random.element(of: Words.adjectives)) \(random.element(of: Words.nouns))"
        case 2: "\(random.element(of: Words.nouns))s of \(random.element(of: Words.places))"
        case 3: "The \(random.element(of: Words.nouns)) Sessions"
        case 4: "\(random.element(of: Words.nouns))"
        default: "\(random.element(of: Words.adjectives)) \(random.element(of: Words.nouns))s"
        }
    }

    func trackName(using random: inout Xoshiro256) -> String {
        let title: String = switch random.int(below: 7) {
        case 0, 1: "\(random.element(of: Words.adjectives)) \(random.element(of: Words.nouns))"
        case 2: "\(random.element(of: Words.verbs)) to \(random.element(of: Words.places))"
        case 3: "\(random.element(of: Words.nouns)) in \(random.element(of: Words.places))"
        case 4: "Don't \(random.element(of: Words.verbs))"
        case 5: "\(random.element(of: Words.verbs)) With Me"
        default: "\(random.element(of: Words.nouns))"
        }
        // About one track in ten is a version of something (remix, live, remaster), as on Spotify.
        return random.int(below: 10) == 0 ? title + random.element(of: Words.trackSuffixes) : title
    }
}
