/// The optional body of `POST /cache/invalidate`: one track's keys, or every `rec:*` key.
struct InvalidationRequest: Decodable, Sendable {
    var trackID: String?

    enum CodingKeys: String, CodingKey {
        case trackID = "track_id"
    }
}
