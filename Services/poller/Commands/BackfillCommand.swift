import ArgumentParser
import Foundation

/// `poller backfill --days N`: delivers the plays of the last N days that Spotify still holds.
/// Spotify's recently-played endpoint returns only the last 50 plays, so this says exactly how
/// far back the answer reached and never claims days it could not see.
struct BackfillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Fetch the plays of the last N days that Spotify still holds and deliver those not delivered before.",
        discussion: """
            Spotify's recently-played history holds only the last 50 plays, whatever N is. The command \
            reports the oldest play it received; days before it cannot be backfilled from the Web API.
            """
    )

    @Option(help: "How many days back, from now (1–365).") var days: Int
    @Flag(help: "Log each request and retry on stderr.") var verbose = false

    func validate() throws {
        guard (1...365).contains(days) else { throw ValidationError("--days must be between 1 and 365 (got \(days)).") }
    }

    func run() async throws {
        let configuration = try CommandSupport.configuration()
        let parts = PollerComponents(configuration, logger: CommandSupport.logger("poller-backfill", verbose: verbose))
        let since = Date().addingTimeInterval(-Double(days) * 86_400)
        let report: BackfillReport
        do {
            report = try await parts.poller.backfill(since: since)
        } catch {
            throw CommandSupport.fail("backfill failed: " + CommandSupport.explain(error, configuration: configuration))
        }
        CommandSupport.say("asked for:  the last \(days) day\(days == 1 ? "" : "s") (since \(CommandSupport.time(since)))")
        CommandSupport.say("Spotify:    \(report.fetched) plays returned; oldest \(CommandSupport.time(report.oldest)), newest \(CommandSupport.time(report.newest))")
        if report.coversTheRange {
            CommandSupport.say("reach:      the whole range (plays older than it came back too)")
        } else if report.fetched == 0 {
            CommandSupport.say("reach:      nothing: Spotify holds no recently-played history for this account")
        } else {
            CommandSupport.say("reach:      only back to \(CommandSupport.time(report.oldest)): Spotify keeps the last 50 plays, so earlier plays of the range cannot be fetched")
        }
        CommandSupport.say("delivered:  \(report.inRange) plays in range, \(report.queued) new, \(report.alreadyDelivered) delivered before; ingest-service took \(report.posted) events")
        if let failure = report.deliveryFailure {
            throw CommandSupport.fail("ingest-service did not take the events (\(failure)); they stay queued in \(configuration.queueFolder) for the service or the next command.")
        }
    }
}
