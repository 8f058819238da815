/// The dashboard's view of recommender-api's answers: its own decodable shapes of the replies it
/// reads (now playing, a user's recommendations, cache counters) and the ways a call can fail.
/// A namespace, because recommender-api names its server-side types alike, with other shapes.
enum Recommender {}
