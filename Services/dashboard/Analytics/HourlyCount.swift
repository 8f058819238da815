import Foundation

/// Plays in one UTC clock hour.
struct HourlyCount: Sendable, Equatable {
    var hour: Date
    var plays: Int
}
