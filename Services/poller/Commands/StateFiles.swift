import EventSchema
import Foundation
import Logging

/// What the poller keeps on disk, read without the service: the token (account and expiry),
/// the cursor, the queue and the delivery counts. Each part that cannot be read says why.
struct StateFiles {
    var token: SpotifyToken?
    var tokenProblem: String?
    var tokenFile: String
    var cursor: String?
    var queued: Int
    var delivered: DeliveryLedger.Counts?
    var configuredUserID: String?

    static func read(_ configuration: PollerConfiguration) async throws -> StateFiles {
        var files = StateFiles(tokenFile: configuration.tokenFile, queued: 0, configuredUserID: configuration.userID)
        do {
            files.token = try TokenStore(path: configuration.tokenFile).load()
        } catch {
            files.tokenProblem = "\(error)"
        }
        files.cursor = (try? CursorStore(path: configuration.cursorFile).load())?.after
        let queue = EventQueue(folder: configuration.queueFolder, maxEvents: configuration.queueMaxEvents, logger: CommandSupport.logger("poller-status"))
        files.queued = (try? await queue.count) ?? 0
        files.delivered = try? DeliveryLedger(path: configuration.statsFile).load()
        return files
    }

    var accountLine: String {
        if let tokenProblem { return "unusable token file: \(tokenProblem)" }
        guard token != nil else { return "not connected (no token in \(tokenFile)); run `poller auth`" }
        return "connected\(configuredUserID.map { " as \($0)" } ?? "") (the Spotify user id is asked by `poller test`)"
    }

    var tokenLine: String {
        guard let token else { return tokenProblem == nil ? "none" : "unreadable" }
        let state = token.expiresAt > Date() ? "valid" : "expired; refreshed automatically at the next call"
        return "access token \(state), expires \(CommandSupport.time(token.expiresAt)); scope \(token.scope)"
    }

    var deliveredLine: String {
        guard let delivered, delivered.total > 0 || delivered.refused > 0 else { return "nothing counted yet (`poller stats`)" }
        let last = delivered.lastDeliveryAt.flatMap { EventTimestamp(rfc3339: $0)?.date }
        return "\(delivered.total) events taken by ingest-service, \(delivered.refused) refused; last \(CommandSupport.time(last))"
    }

    var json: [String: Any] {
        [
            "token_file": tokenFile,
            "connected": token != nil,
            "token_expires_at": token.map { EventTimestamp($0.expiresAt).rfc3339 } ?? NSNull(),
            "token_problem": tokenProblem ?? NSNull(),
            "cursor": cursor ?? NSNull(),
            "queued_events": queued,
            "delivered_events": delivered?.total ?? 0,
            "refused_events": delivered?.refused ?? 0,
        ]
    }
}
