/// Vocabulary for generated artist, album and track names: plain English words that combine
/// into plausible titles ("The Velvet Harbours", "Midnight in the Garden", "Nora Castillo").
enum CatalogueWordLists {
    /// Genre names, most popular first: `MusicCatalogue` gives earlier genres more artists and plays.
    static let genres = [
        "pop", "hip hop", "indie rock", "dance pop", "r&b", "latin", "edm", "rock", "country",
        "k-pop", "techno", "alternative", "soul", "jazz", "metal", "folk", "reggaeton", "house",
        "classical", "ambient", "punk", "blues", "afrobeats", "lo-fi",
    ]

    static let adjectives = [
        "Velvet", "Golden", "Silent", "Electric", "Neon", "Wild", "Broken", "Crimson", "Hollow",
        "Lonely", "Bright", "Midnight", "Paper", "Silver", "Burning", "Frozen", "Gentle", "Restless",
        "Faded", "Hidden", "Endless", "Lucky", "Northern", "Crystal", "Savage", "Sweet", "Violet",
        "Blue", "Black", "Young", "Distant", "Tender", "Cosmic", "Quiet", "Sacred",
        "Shallow", "Little", "Analog", "Mellow", "Stolen", "Radiant", "Dusty", "Wired", "Golden Hour",
    ]

    /// Nouns that pluralize with a plain "s" (used in "The <Adjective> <Noun>s").
    static let nouns = [
        "Harbour", "Dream", "Heart", "River", "Echo", "Ghost", "Mirror", "Signal", "Garden", "Wave",
        "Shadow", "Window", "Fire", "Highway", "Ocean", "Satellite", "Candle", "Storm", "Letter",
        "Horizon", "Diamond", "Engine", "Flower", "Island", "Machine", "Planet", "Rocket", "Secret",
        "Season", "Summer", "Thunder", "Tiger", "Valley", "Wolf", "Feather", "Lantern", "Monster",
        "Parade", "Anchor", "Comet", "Bridge", "Cloud", "Forest", "Mountain", "Stranger", "Kingdom",
    ]

    static let verbs = [
        "Run", "Fall", "Dance", "Breathe", "Hold", "Wait", "Shine", "Drive", "Forget", "Remember",
        "Call", "Stay", "Follow", "Chase", "Burn", "Float", "Break", "Believe", "Move", "Dream",
    ]

    static let places = [
        "the Dark", "the City", "Paris", "the Rain", "the Morning", "the Night", "Tokyo", "the Sun",
        "the Wire", "the Sea", "Berlin", "the Moon", "the Valley", "the Static", "the Stars",
    ]

    static let firstNames = [
        "Nora", "Leo", "Maya", "Jonah", "Ava", "Felix", "Iris", "Mateo", "Zoe", "Elias", "Luna",
        "Kai", "Ines", "Theo", "Amara", "Oscar", "Yuki", "Sofia", "Ravi", "Clara", "Malik", "Freya",
        "Diego", "Hana", "Ezra", "Lena", "Omar", "Mila", "Arlo", "Noor",
    ]

    static let surnames = [
        "Castillo", "Hart", "Okafor", "Lindqvist", "Moreau", "Bennett", "Tanaka", "Novak", "Reyes",
        "Fischer", "Adeyemi", "Sato", "Kowalski", "Rivers", "Stone", "Ward", "Mendes", "Larsen",
        "Quinn", "Byrne", "Park", "Silva", "Volkov", "Haddad", "Ellis",
    ]

    static let trackSuffixes = [" (Remix)", " (Acoustic)", " - Live", " (feat. Nora Hart)", " (Radio Edit)", " - 2019 Remaster"]
}
