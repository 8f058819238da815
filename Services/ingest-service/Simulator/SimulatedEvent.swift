import EventSchema

/// One simulated event, ready to send.
struct SimulatedEvent: Sendable {
    let event: ListeningEvent
    /// `event.canonicalJSON()`; a duplicate carries exactly the bytes of the event it re-sends.
    let json: [UInt8]
    /// Why the event is dirty, if it is (ground truth for tests and for metrics).
    let defect: SimulatedDefect?
    /// The global number of the listening session the event belongs to (ground truth for sessionizing).
    let session: Int
}
