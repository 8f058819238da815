import ArgumentParser
import Foundation
import Logging
import ServiceRuntime

/// What the operator's commands share: the configuration the service would read from the same
/// environment, a quiet logger on stderr, plain unbuffered output, and failures as one clear
/// line with a non-zero exit.
enum CommandSupport {
    /// The environment's configuration. Commands that never reach ingest-service need no
    /// INGEST_URL; the others default to the native stack's (http://127.0.0.1:8081).
    static func configuration(_ env: ServiceEnvironment = ServiceEnvironment()) throws -> PollerConfiguration {
        var values = env.values
        if env.optional("INGEST_URL") == nil { values["INGEST_URL"] = "http://127.0.0.1:8081" }
        do {
            return try PollerConfiguration(ServiceEnvironment(values))
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// Warnings and errors only, as text on stderr: the commands' own output goes to stdout.
    static func logger(_ label: String, verbose: Bool = false) -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .info : .error
        return logger
    }

    /// One line to stdout, written at once (stdout may be a pipe or a file).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// "2026-12-05 21:30:00 UTC (3 min ago)"; "never" for nil.
    static func time(_ date: Date?) -> String { ClockText.describe(date) }

    /// Spotify's cursor (Unix ms) as a time.
    static func cursorTime(_ cursor: String?) -> String {
        guard let cursor, let ms = Int64(cursor) else { return "none (the next sync starts from Spotify's latest plays)" }
        return "\(cursor) = \(time(Date(timeIntervalSince1970: Double(ms) / 1_000)))"
    }

    /// Ends the command: `message` on stderr, exit status 1.
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("poller: \(message)\n".utf8))
        return ExitCode(1)
    }

    /// What went wrong talking to Spotify, in words an operator can act on.
    static func explain(_ error: any Error, configuration: PollerConfiguration) -> String {
        switch error {
        case SpotifyAPIError.rateLimited(let endpoint, let retryAfter):
            let wait = retryAfter.map { " for \($0.components.seconds) s" } ?? ""
            return "Spotify is rate limiting this app (HTTP 429 on \(endpoint)); it asks to wait\(wait). Try again later."
        case SpotifyAPIError.status(let endpoint, let status):
            return "Spotify answered HTTP \(status) on \(endpoint)."
        case SpotifyAPIError.malformed(let endpoint, let detail):
            return "Spotify's answer on \(endpoint) was not what the API documents (\(detail))."
        case let unavailable as SpotifyAuthorization.Unavailable:
            return unavailable.state == .notAuthorized
                ? "no Spotify account is connected: \(configuration.tokenFile) holds no token. Run `poller auth`."
                : "Spotify refused the stored refresh token (the grant was revoked or expired). Run `poller auth` again."
        case SpotifyAuthError.invalidGrant(let detail):
            return "Spotify refused the stored refresh token (invalid_grant: \(detail)): the grant was revoked or has expired. Run `poller auth` again."
        case SpotifyAuthError.missingClientCredentials:
            return "the access token has expired and cannot be refreshed without SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET."
        case let auth as SpotifyAuthError:
            return "cannot refresh the access token: \(auth). If it persists, run `poller auth` again."
        case SpotifyPoller.Unavailable.authorization(let state):
            return state == .notAuthorized
                ? "no Spotify account is connected: \(configuration.tokenFile) holds no token. Run `poller auth`."
                : "Spotify needs a new authorization. Run `poller auth` again."
        case SpotifyPoller.Unavailable.rateLimited:
            return "\(error)"
        default:
            return "cannot reach Spotify at \(configuration.spotifyAPIBase): \(error)"
        }
    }
}
