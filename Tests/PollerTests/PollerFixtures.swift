import FakeSpotify
import Foundation

/// Listening histories for the tests.
enum PollerFixtures {
    /// `count` plays of rotating tracks, `spacing` seconds apart, the newest `minutes` ago, at whole milliseconds.
    static func plays(_ count: Int, endingMinutesAgo minutes: Double = 5, spacing: Double = 180, firstTrack: Int = 0) -> [FakePlay] {
        let newest = (Date().timeIntervalSince1970 - minutes * 60).rounded(.down)
        return (0..<count).map { index in
            FakePlay(track: .sample(firstTrack + index % 40), playedAt: Date(timeIntervalSince1970: newest - Double(count - 1 - index) * spacing + 0.123),
                     context: index % 3 == 0 ? nil : .playlist)
        }
    }
}
