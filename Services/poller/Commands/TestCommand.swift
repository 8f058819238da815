import ArgumentParser
import Foundation

/// `poller test`: is the connection to Spotify usable right now? Loads the token (refreshing it
/// when it has expired) and asks `GET /v1/me`. Exit status 0 only when Spotify answered.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Check the stored token and reach the Spotify Web API; non-zero exit on any failure."
    )

    @Flag(help: "Log each request and retry on stderr.") var verbose = false

    func run() async throws {
        let configuration = try CommandSupport.configuration()
        // One attempt per call: an operator's check should answer in seconds, not back off for minutes.
        var quick = configuration
        quick.retryAttempts = 1
        let parts = PollerComponents(quick, logger: CommandSupport.logger("poller-test", verbose: verbose))
        let started = ContinuousClock.now
        do {
            let user = try await parts.api.currentUserID()
            let elapsed = ContinuousClock.now - started
            let token = try? TokenStore(path: configuration.tokenFile).load()
            CommandSupport.say("OK: Spotify answered as user \(user) in \(Int(elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000)) ms (\(configuration.spotifyAPIBase)).")
            if let token { CommandSupport.say("The access token expires \(CommandSupport.time(token.expiresAt)); it is refreshed automatically.") }
        } catch {
            throw CommandSupport.fail("test failed: " + CommandSupport.explain(error, configuration: configuration))
        }
    }
}
