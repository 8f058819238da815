import ArgumentParser
import EventSchema
import Foundation
import Postgres
import ServiceRuntime

/// `poller stats`: the events this poller delivered, by day of `played_at` and by type, from its
/// own counts (`POLLER_STATS_FILE`) and, given a warehouse, next to what reached bronze.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Events delivered by type and by day: the poller's own counts, and bronze's with --postgres-url.",
        discussion: """
            The poller counts every event ingest-service accepted (POLLER_STATS_FILE). With --postgres-url \
            (for example "$POSTGRES_URL" after `eval "$(deploy/stack env)"`), the same days are counted in \
            bronze (plays and currently_playing with a Spotify source), so a gap between delivery and the \
            warehouse shows. Days are UTC. The service itself never needs the warehouse's credentials.
            """
    )

    @Option(help: "How many days back, from today (1–365).") var days = 7
    @Option(help: "The warehouse to compare with (a libpq URL); without it, only the poller's counts.") var postgresURL: String?
    @Flag(help: "Print one JSON object instead of a table.") var json = false

    func validate() throws {
        guard (1...365).contains(days) else { throw ValidationError("--days must be between 1 and 365 (got \(days)).") }
    }

    func run() async throws {
        let configuration = try CommandSupport.configuration()
        let counts: DeliveryLedger.Counts
        do {
            counts = try DeliveryLedger(path: configuration.statsFile).load()
        } catch {
            throw CommandSupport.fail("cannot read \(configuration.statsFile): \(error)")
        }
        let firstDay = DeliveryLedger.day(EventTimestamp(Date().addingTimeInterval(-Double(days - 1) * 86_400)))
        let url = postgresURL.flatMap { $0.isEmpty ? nil : $0 }
        var warehouse: [String: [String: Int]]?
        if let url {
            do {
                warehouse = try await Self.bronzeCounts(url, since: firstDay)
            } catch {
                throw CommandSupport.fail("cannot count bronze in the warehouse (\(RedactedURL.redact(url))): \(error)")
            }
        }
        let dayList = Set(counts.days.keys.filter { $0 >= firstDay }).union(warehouse?.keys ?? [:].keys).sorted()
        let types = [EventType.play.rawValue, EventType.nowPlaying.rawValue]
        if json {
            var rows: [[String: Any]] = []
            for day in dayList {
                for type in types {
                    var row: [String: Any] = ["day": day, "event_type": type, "delivered": counts.days[day]?[type] ?? 0]
                    if let warehouse { row["in_bronze"] = warehouse[day]?[type] ?? 0 }
                    rows.append(row)
                }
            }
            let object: [String: Any] = ["since": firstDay, "rows": rows, "refused_total": counts.refused,
                                         "last_delivery_at": counts.lastDeliveryAt ?? NSNull(), "stats_file": configuration.statsFile]
            CommandSupport.say(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            return
        }
        CommandSupport.say("events delivered to ingest-service since \(firstDay) (UTC days of played_at; \(configuration.statsFile))")
        let header = warehouse == nil ? ["day", "type", "delivered"] : ["day", "type", "delivered", "in bronze"]
        var table = [header]
        for day in dayList {
            for type in types {
                var row = [day, type, String(counts.days[day]?[type] ?? 0)]
                if let warehouse { row.append(String(warehouse[day]?[type] ?? 0)) }
                table.append(row)
            }
        }
        if dayList.isEmpty { CommandSupport.say("  nothing delivered in these \(days) days") }
        else { for line in Self.aligned(table) { CommandSupport.say("  " + line) } }
        CommandSupport.say("refused by ingest-service (all time): \(counts.refused); last delivery: \(CommandSupport.time(counts.lastDeliveryAt.flatMap { EventTimestamp(rfc3339: $0)?.date }))")
        if warehouse == nil { CommandSupport.say("(add --postgres-url to compare with bronze)") }
    }

    /// Distinct events with a Spotify source in bronze, by UTC day and type. Bronze may hold a
    /// record twice (at-least-once lake); the warehouse counts each event once.
    static func bronzeCounts(_ url: String, since day: String) async throws -> [String: [String: Int]] {
        let pool = PostgresConnectionPool(conninfo: url, size: 1, connectTimeout: .seconds(5))
        defer { Task { await pool.close() } }
        let rows = try await pool.withConnection { connection in
            try await connection.query("""
                select to_char(played_at at time zone 'UTC', 'YYYY-MM-DD'), event_type, count(distinct event_id)::bigint
                from (select played_at, event_type, event_id, source from bronze.plays
                      union all select played_at, event_type, event_id, source from bronze.currently_playing) e
                where source = any(string_to_array($1, ',')) and played_at >= $2::date
                group by 1, 2
                """, [[EventSource.spotifyRecentlyPlayed.rawValue, EventSource.spotifyCurrentlyPlaying.rawValue].joined(separator: ","), day])
        }
        var counts: [String: [String: Int]] = [:]
        for row in rows {
            counts[try row.decode(0, as: String.self), default: [:]][try row.decode(1, as: String.self)] = Int(try row.decode(2, as: Int64.self))
        }
        return counts
    }

    static func aligned(_ rows: [[String]]) -> [String] {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == 0 || index == 1 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - cell.count) + cell
            }.joined(separator: "  ")
        }
    }
}
