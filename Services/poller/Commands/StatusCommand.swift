import ArgumentParser
import EventSchema
import Foundation
import HTTPClient

/// `poller status`: the connected account, token expiry, cursor, last poll and sync, and the
/// queue, from the running service's `/status` when it answers, else from its state files.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the account, token expiry, cursor, last poll and sync, and queued events.",
        discussion: "Asks the running service (GET /status on PORT, default 8085); when it does not answer, reads the token, cursor, queue and stats files it keeps."
    )

    @Option(help: "The running poller's base URL (default: http://127.0.0.1:$PORT).") var url: String?
    @Flag(help: "Print one JSON object instead of lines.") var json = false

    func run() async throws {
        let configuration = try CommandSupport.configuration()
        let base = url ?? "http://127.0.0.1:\(configuration.port)"
        let files = try await StateFiles.read(configuration)
        let service = await Self.serviceStatus(base)
        if json {
            var object: [String: Any] = ["source": service == nil ? "state files" : "service", "service_url": base]
            object["service"] = service ?? NSNull()
            object["files"] = files.json
            CommandSupport.say(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            return
        }
        if let service {
            CommandSupport.say("source:         the running service at \(base)")
            CommandSupport.say("account:        \(service["user_id"] as? String ?? "not known yet") (\(service["auth_state"] as? String ?? "?"))")
        } else {
            CommandSupport.say("source:         state files (no poller answers at \(base))")
            CommandSupport.say("account:        \(files.accountLine)")
        }
        CommandSupport.say("token:          \(files.tokenLine)")
        let cursor = service.map { $0["cursor"] as? String } ?? files.cursor
        CommandSupport.say("cursor:         \(CommandSupport.cursorTime(cursor))")
        if let service {
            let track = (service["last_track_id"] as? String).map { ", track \($0)" } ?? ""
            CommandSupport.say("last poll:      \(Self.time(service["last_poll_at"]))\(track)")
            CommandSupport.say("last sync:      \(Self.time(service["last_sync_at"]))")
            CommandSupport.say("queued events:  \(service["queued_events"] as? Int ?? files.queued)")
            if let until = service["rate_limited_until"] as? String { CommandSupport.say("rate limited:   until \(until)") }
            let errors = (service["errors"] as? [String: Int] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            CommandSupport.say("errors:         \(errors.isEmpty ? "none" : errors.joined(separator: ", "))")
        } else {
            CommandSupport.say("last poll:      unknown (only the running service knows)")
            CommandSupport.say("queued events:  \(files.queued)")
        }
        CommandSupport.say("delivered:      \(files.deliveredLine)")
    }

    private static func time(_ value: Any?) -> String {
        CommandSupport.time((value as? String).flatMap { EventTimestamp(rfc3339: $0)?.date })
    }

    /// The service's `/status` body, or nil when nothing answers there.
    static func serviceStatus(_ base: String) async -> [String: Any]? {
        let client = HTTPClient()
        guard let response = try? await client.execute(HTTPRequest(url: base + "/status"), timeout: HTTPTimeout(connect: .seconds(1), total: .seconds(3))),
              response.status == 200,
              let body = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
              body["auth_state"] != nil else { return nil }
        return body
    }
}
