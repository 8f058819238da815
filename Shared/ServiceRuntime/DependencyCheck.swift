/// One thing a service needs in order to do its work (a broker, a database, another service).
/// `/ready` runs every check; the service is ready only when all of its required checks pass.
/// An optional check (a cache the service works without) is still run and reported: when it
/// fails, `/ready` answers 200 with `"status": "degraded"` and the failure in words, and
/// `service_dependency_up{dependency=...}` is 0, so an outage is visible without taking the
/// service out of its load balancer.
public struct DependencyCheck: Sendable {
    public let name: String
    public let required: Bool
    public let check: @Sendable () async throws -> Void

    /// - Parameters:
    ///   - name: how `/ready` and the `service_dependency_up` metric call it, e.g. `kafka`.
    ///   - required: false for a dependency the service keeps answering without.
    ///   - check: throws a description of what is wrong when the dependency does not answer.
    public init(_ name: String, required: Bool = true, check: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.required = required
        self.check = check
    }
}
