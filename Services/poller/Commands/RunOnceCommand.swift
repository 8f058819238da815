import ArgumentParser
import Foundation

/// `poller run-once`: one currently-playing poll and one recently-played sync, exactly as the
/// service does them (same cursor, queue and files), then exit.
struct RunOnceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-once",
        abstract: "One currently-playing poll and one recently-played sync, delivered to ingest-service, then exit.",
        discussion: "Exit status 1 when Spotify cannot be used or ingest-service did not take the events (they stay queued for the next run)."
    )

    @Flag(help: "Log each request and retry on stderr.") var verbose = false

    func run() async throws {
        let configuration = try CommandSupport.configuration()
        let parts = PollerComponents(configuration, logger: CommandSupport.logger("poller-run-once", verbose: verbose))
        await parts.poller.restore()
        let ledger = DeliveryLedger(path: configuration.statsFile)
        let deliveredBefore = (try? ledger.load().total) ?? 0
        let errorsBefore = await parts.status.errors
        await parts.poller.pollCurrentlyPlaying()
        let track = await parts.status.lastTrackID
        let pollErrors = await parts.status.errors.filter { errorsBefore[$0.key] != $0.value }.map(\.key).sorted()
        let report: SyncReport
        do {
            report = try await parts.poller.sync()
        } catch {
            throw CommandSupport.fail("run-once failed: " + CommandSupport.explain(error, configuration: configuration))
        }
        let queued = await parts.delivery.queuedEvents
        // Both steps deliver (a changed track at once, the plays after the sync): count them together.
        let delivered = ((try? ledger.load().total) ?? deliveredBefore) - deliveredBefore
        CommandSupport.say("currently playing: \(track ?? "nothing")\(pollErrors.isEmpty ? "" : " (the poll failed: \(pollErrors.joined(separator: ", ")))")")
        CommandSupport.say("recently played:   \(report.fetched) fetched")
        CommandSupport.say("delivered:         \(delivered) events taken by ingest-service, \(queued) still queued")
        CommandSupport.say("cursor:            \(CommandSupport.cursorTime(report.cursor))")
        if queued > 0 {
            throw CommandSupport.fail("\(queued) events stay queued in \(configuration.queueFolder): ingest-service at \(configuration.ingestURL) did not take them (see `poller status`).")
        }
        if !pollErrors.isEmpty {
            throw CommandSupport.fail("the currently-playing poll failed (\(pollErrors.joined(separator: ", "))).")
        }
    }
}
