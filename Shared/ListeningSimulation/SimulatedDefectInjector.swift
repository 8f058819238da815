/// Makes a freshly planned event dirty in one of the ways `SimulatedDefect` lists
/// (duplicates are not made here: they re-send an earlier event unchanged).
enum SimulatedDefectInjector {
    /// Late arrivals are 1 to 12 hours older than the traffic around them.
    static let lateness: Range<Int64> = 3_600_000..<43_200_000

    static func apply(_ defect: SimulatedDefect, to event: inout PlannedListeningEvent, using random: inout Xoshiro256) {
        event.defect = defect
        switch defect {
        case .duplicate:
            preconditionFailure("duplicates re-send an earlier event; they are not injected")
        case .invalidDuration:
            event.durationOverrideMs = invalidDuration(using: &random)
        case .missingOptionalFields:
            event.omitsOptionalFields = true
        case .lateArrival:
            let span = lateness.upperBound - lateness.lowerBound
            event.playedAtMs -= lateness.lowerBound + Int64(random.int(below: Int(span)))
        }
    }

    /// The broken durations seen in real feeds: zero, negative, exactly the limit, far too long.
    private static func invalidDuration(using random: inout Xoshiro256) -> Int {
        switch random.int(below: 10) {
        case 0, 1: 0
        case 2, 3, 4: -random.int(in: 1...300_000)
        case 5: 600_000
        default: random.int(in: 600_001...7_200_000)
        }
    }
}
