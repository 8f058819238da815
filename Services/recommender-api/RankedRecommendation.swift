/// One row of `gold.track_recommendations`, as the items of `GET /users/{user_id}/recommendations`:
/// a recommendation and its place in the user's list, encoded flat (`rank` beside the item's fields).
struct RankedRecommendation: Codable, Sendable, Equatable {
    var rank: Int
    var item: RecommendationItem

    init(rank: Int, item: RecommendationItem) {
        self.rank = rank
        self.item = item
    }

    private enum CodingKeys: String, CodingKey { case rank }

    init(from decoder: any Decoder) throws {
        rank = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .rank)
        item = try RecommendationItem(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rank, forKey: .rank)
        try item.encode(to: encoder)
    }
}
