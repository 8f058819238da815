import Foundation
import Logging
import Testing
import TestSupport

@testable import WarehouseLoader

@Suite("continuous mode survives a PostgreSQL restart", .integration)
struct PostgresRestartTests {
    @Test("the poller reconnects after PostgreSQL restarts and loads what arrived meanwhile")
    func restart() async throws {
        let server = try await TemporaryPostgresServer.start()
        let context = try LoaderTestContext(postgresURL: server.url)
        let poller = LoadPoller(loader: context.loader, interval: .milliseconds(300), logger: Logger(label: "restart-test"))
        let running = Task { try await poller.run() }
        do {
            try await BronzeFileFixtures.put(context.lake, rows: 100)
            try await waitUntil { try await context.count("plays") == 100 }

            try await server.stop()
            try await BronzeFileFixtures.put(context.lake, firstOffset: 100, rows: 50)
            try await Task.sleep(for: .seconds(1))  // a few polls fail meanwhile
            try await server.start()
            try await waitUntil { try await context.count("plays") == 150 }
            let report = await context.loader.status()
            #expect(report.lastError == nil)
        } catch {
            running.cancel()
            await server.remove()
            throw error
        }
        running.cancel()
        _ = try? await running.value
        await context.tearDown()
        await server.remove()
    }

    private func waitUntil(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("condition not met within \(timeout)")
    }
}
