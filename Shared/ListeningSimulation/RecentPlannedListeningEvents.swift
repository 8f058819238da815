/// The last few events sent, from which duplicates (client retries) are re-sent.
struct RecentPlannedListeningEvents: Sendable {
    static let capacity = 64
    private var events: [PlannedListeningEvent] = []
    private var nextSlot = 0

    init() { events.reserveCapacity(Self.capacity) }

    mutating func append(_ event: PlannedListeningEvent) {
        if events.count < Self.capacity {
            events.append(event)
        } else {
            events[nextSlot] = event
        }
        nextSlot = (nextSlot + 1) % Self.capacity
    }

    /// A random recent event, or nil before anything was sent.
    func randomElement(using random: inout Xoshiro256) -> PlannedListeningEvent? {
        events.isEmpty ? nil : random.element(of: events)
    }
}
