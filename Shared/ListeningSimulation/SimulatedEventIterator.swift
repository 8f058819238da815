/// Yields the simulation's events one at a time: memory stays bounded however many are asked for.
public struct SimulatedEventIterator: IteratorProtocol, Sendable {
    private var planner: ListeningPlanner
    private let renderer: SimulatedEventRenderer

    init(planner: ListeningPlanner, renderer: SimulatedEventRenderer) {
        self.planner = planner
        self.renderer = renderer
    }

    public mutating func next() -> SimulatedEvent? {
        planner.next().map(renderer.render)
    }
}
