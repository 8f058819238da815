import Foundation

/// One play from silver, for live activity when nobody is playing right now.
struct RecentPlay: Sendable, Equatable {
    var userID: String
    var trackID: String
    var trackName: String?
    var artistName: String?
    var deviceType: String?
    var playedAt: Date
}
