import Hummingbird
import Logging
import ServiceLifecycle

/// A router served on a free loopback port for one test, until `stop()`: the stand-ins of
/// ingest-service's `POST /v1/events` (`ScriptedIngest`, the poller's `CapturingIngest`).
struct LoopbackServer: Sendable {
    let url: String
    private let group: ServiceGroup
    private let server: Task<Void, any Error>

    static func start(_ router: Router<BasicRequestContext>, label: String) async -> LoopbackServer {
        var logger = Logger(label: label)
        logger.logLevel = .warning
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0); continuation.finish() }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let server = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        return LoopbackServer(url: "http://127.0.0.1:\(port)", group: group, server: server)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await server.value
    }
}
