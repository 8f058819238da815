import EventSchema
import Foundation
import Testing

@testable import RecommenderAPI

/// When a current track stops being "now playing": its duration (or 600 s when unknown) plus a
/// 60 s grace after `played_at`.
@Suite("now playing: live or last played")
struct NowPlayingLivenessTests {
    let start = Date(timeIntervalSince1970: 1_795_341_540)

    func track(durationMs: Int?) -> NowPlayingTrack {
        NowPlayingTrack(trackID: "t1", durationMs: durationMs, playedAt: EventTimestamp(start).rfc3339, receivedAt: EventTimestamp(start).rfc3339)
    }

    @Test("a 3-minute track is live for 3 minutes and the grace, then last played")
    func knownDuration() {
        #expect(track(durationMs: 180_000).judged(at: start).live == true)
        #expect(track(durationMs: 180_000).judged(at: start.addingTimeInterval(239)).live == true)
        #expect(track(durationMs: 180_000).judged(at: start.addingTimeInterval(240)).live == false)
        #expect(track(durationMs: 180_000).judged(at: start.addingTimeInterval(90 * 60)).live == false, "a play 90 minutes ago is not live")
    }

    @Test("without duration_ms the track is assumed to last 10 minutes")
    func unknownDuration() {
        #expect(track(durationMs: nil).judged(at: start.addingTimeInterval(659)).live == true)
        #expect(track(durationMs: nil).judged(at: start.addingTimeInterval(660)).live == false)
    }

    @Test("live is decided per answer and encoded with duration_ms, never taken from storage")
    func encoding() throws {
        let stored = try JSONEncoder().encode(track(durationMs: 1_000))
        let text = String(decoding: stored, as: UTF8.self)
        #expect(text.contains("\"live\":null") && text.contains("\"duration_ms\":1000"))
        let decoded = try JSONDecoder().decode(NowPlayingTrack.self, from: Data(#"{"track_id":"t","played_at":"2026-11-22T09:59:00Z","received_at":"2026-11-22T09:59:00Z"}"#.utf8))
        #expect(decoded.durationMs == nil && decoded.live == nil, "entries written before these fields existed still decode")
    }
}
