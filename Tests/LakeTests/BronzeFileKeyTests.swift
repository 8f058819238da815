import Testing
import Lake

struct BronzeFileKeyTests {
    @Test func keyFromCoordinatesAndEventTime() throws {
        // 2025-11-18T14:23:15Z
        let key = try #require(BronzeFileKey(topic: "user_plays", partition: 3, firstOffset: 100, lastOffset: 199,
                                             eventTimeMicroseconds: 1_763_475_795_000_000))
        #expect(key.key == "bronze/plays/year=2025/month=11/day=18/hour=14/part-user_plays-3-100-199.parquet")
        #expect(BronzeFileKey(key: key.key) == key)
    }

    @Test func civilDatesAtEdges() {
        #expect(BronzeLayout.civilHour(ofMicroseconds: 0) == (1970, 1, 1, 0))
        #expect(BronzeLayout.civilHour(ofMicroseconds: -1) == (1969, 12, 31, 23))
        // 2024-02-29T23:59:59.999999Z (leap day)
        #expect(BronzeLayout.civilHour(ofMicroseconds: 1_709_251_199_999_999) == (2024, 2, 29, 23))
        // 2000-03-01T00:00:00Z
        #expect(BronzeLayout.civilHour(ofMicroseconds: 951_868_800_000_000) == (2000, 3, 1, 0))
    }

    @Test func everyTopicHasItsFolder() {
        #expect(BronzeFileKey(topic: "now_playing", partition: 0, firstOffset: 0, lastOffset: 0, eventTimeMicroseconds: 0)?.key
            == "bronze/now_playing/year=1970/month=01/day=01/hour=00/part-now_playing-0-0-0.parquet")
        #expect(BronzeFileKey(topic: "user_skips", partition: 0, firstOffset: 0, lastOffset: 0, eventTimeMicroseconds: 0)?.dataset == .skips)
        #expect(BronzeFileKey(topic: "user_likes", partition: 0, firstOffset: 0, lastOffset: 0, eventTimeMicroseconds: 0)?.dataset == .likes)
        #expect(BronzeFileKey(topic: "events_dlq", partition: 0, firstOffset: 0, lastOffset: 0, eventTimeMicroseconds: 0) == nil)
    }

    @Test func rejectsForeignKeys() {
        #expect(BronzeFileKey(key: "bronze/plays/year=2025/month=11/day=18/hour=14/.tmp-x.parquet") == nil)
        #expect(BronzeFileKey(key: "bronze/plays/year=2025/month=11/day=18/part-user_plays-3-1-2.parquet") == nil)
        #expect(BronzeFileKey(key: "bronze/skips/year=2025/month=11/day=18/hour=14/part-user_plays-3-1-2.parquet") == nil)
        #expect(BronzeFileKey(key: "bronze/plays/year=2025/month=11/day=18/hour=14/part-user_plays-3-5-2.parquet") == nil)
    }
}
