/// One thing a service needs in order to do its work (a broker, a database, another service).
/// `/ready` runs every check; the service is ready only when all of them pass.
public struct DependencyCheck: Sendable {
    public let name: String
    public let check: @Sendable () async throws -> Void

    /// - Parameters:
    ///   - name: how `/ready` and the `service_dependency_up` metric call it, e.g. `kafka`.
    ///   - check: throws a description of what is wrong when the dependency does not answer.
    public init(_ name: String, check: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.check = check
    }
}
