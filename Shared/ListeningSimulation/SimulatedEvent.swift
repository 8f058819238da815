import EventSchema

/// One simulated event, ready to send.
public struct SimulatedEvent: Sendable {
    public let event: ListeningEvent
    /// `event.canonicalJSON()`; a duplicate carries exactly the bytes of the event it re-sends.
    public let json: [UInt8]
    /// Why the event is dirty, if it is (ground truth for tests and for metrics).
    public let defect: SimulatedDefect?
    /// The global number of the listening session the event belongs to (ground truth for sessionizing).
    public let session: Int
}
