/// recommender-api responses in the exact shapes of docs/CONTRACT.md (and its OpenAPI document).
enum ContractPayloads {
    static let userRecommendations = """
    {"user_id":"user_0042","recommendations":[
     {"rank":1,"track_id":"4uLU6hMCjMI75M1A2tKUQC","track_name":"Night <Drive>","artist_name":"The Midnight","recommendation_score":87.5,"reason":"Often played in the same session as \\"Sunset\\" by FM-84","cooccurrence_score":0.85,"artist_affinity":92.5},
     {"rank":2,"track_id":"0VjIjW4GlUZAMYd2vXMi3b","track_name":"Blinding Lights","artist_name":"The Weeknd","recommendation_score":41.25,"reason":"Often played in the same session as \\"Starboy\\"","cooccurrence_score":0.4,"artist_affinity":0}
    ],"generated_at":"2026-11-22T10:00:00Z","cache_hit":true}
    """

    static let emptyUserRecommendations = """
    {"user_id":"nobody","recommendations":[],"generated_at":"2026-11-22T10:00:00Z","cache_hit":false}
    """

    static let nowPlaying = """
    {"user_id":"user_0042","now_playing":{"track_id":"7ouMYWpwJ422jRcDASZB7P","track_name":"Midnight City","artist_name":"M83","album_name":"Hurry Up, We're Dreaming","album_image_url":null,"device_type":"desktop","duration_ms":243000,"played_at":"2026-11-22T09:59:00Z","received_at":"2026-11-22T09:59:01Z","live":true},
     "recommendations":[{"track_id":"4uLU6hMCjMI75M1A2tKUQC","track_name":"Night <Drive>","artist_name":"The Midnight","recommendation_score":72.0,"reason":"Often played in the same session as \\"Midnight City\\"","cooccurrence_score":0.6,"artist_affinity":40.0}],
     "cache_hit":false,"generated_at":"2026-11-22T10:00:00Z"}
    """

    static let nothingPlaying = """
    {"user_id":"user_0042","now_playing":null,"recommendations":[],"cache_hit":false,"generated_at":"2026-11-22T10:00:00Z"}
    """

    /// Two listeners playing (newest first) and one whose track has ended.
    static let liveActivity = """
    {"listeners":[
     {"user_id":"user_0007","now_playing":{"track_id":"0VjIjW4GlUZAMYd2vXMi3b","track_name":"Blinding Lights","artist_name":"The Weeknd","album_name":null,"album_image_url":null,"device_type":"mobile","duration_ms":200040,"played_at":"2026-11-22T09:59:30Z","received_at":"2026-11-22T09:59:31Z","live":true}},
     {"user_id":"user <0042>","now_playing":{"track_id":"7ouMYWpwJ422jRcDASZB7P","track_name":"Midnight City","artist_name":"M83","album_name":null,"album_image_url":null,"device_type":"desktop","duration_ms":243000,"played_at":"2026-11-22T09:59:00Z","received_at":"2026-11-22T09:59:01Z","live":true}},
     {"user_id":"user_0099","now_playing":{"track_id":"4uLU6hMCjMI75M1A2tKUQC","track_name":null,"artist_name":null,"album_name":null,"album_image_url":null,"device_type":null,"duration_ms":null,"played_at":"2026-11-22T08:30:00Z","received_at":"2026-11-22T08:30:01Z","live":false}}
    ],"generated_at":"2026-11-22T10:00:00Z"}
    """

    /// Nobody within the TTL, or only listeners whose tracks have ended.
    static let nobodyLive = """
    {"listeners":[
     {"user_id":"user_0099","now_playing":{"track_id":"4uLU6hMCjMI75M1A2tKUQC","track_name":"Night Drive","artist_name":"The Midnight","album_name":null,"album_image_url":null,"device_type":null,"duration_ms":null,"played_at":"2026-11-22T08:30:00Z","received_at":"2026-11-22T08:30:01Z","live":false}}
    ],"generated_at":"2026-11-22T10:00:00Z"}
    """

    static let cacheStats = """
    {"hits":41,"misses":9,"hit_ratio":0.82,"redis_up":true}
    """
}
