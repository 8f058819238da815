import Foundation
import Hummingbird
import ListeningSimulation
import NIOCore
import ServiceRuntime

/// `POST /v1/simulate {events, users, seed, rate, days, dirty_share}` starts simulated traffic
/// through this service's own ingestion path; `GET /v1/simulate` tells how it is going.
struct SimulationRoutes: Sendable {
    struct Request: Decodable {
        var events: Int
        var users: Int
        var seed: UInt64?
        var rate: Double?
        var days: Int?
        var dirtyShare: Double?

        enum CodingKeys: String, CodingKey {
            case events, users, seed, rate, days, dirtyShare = "dirty_share"
        }
    }

    let controller: SimulationController

    func add(to router: Router<BasicRequestContext>, token: String?) {
        let group = router.group("/v1/simulate").add(middleware: BearerTokenMiddleware(token: token))
        group.post { request, context in
            let body = try await request.body.collect(upTo: 64 * 1024)
            let parsed: Request
            do {
                parsed = try JSONDecoder().decode(Request.self, from: Data(buffer: body))
            } catch {
                throw APIError.badRequest("invalid_request", "The body must be JSON like {\"events\": 50000, \"users\": 200, \"seed\": 42, \"rate\": 0}: \(error)")
            }
            var settings = SimulationSettings(events: parsed.events, users: parsed.users, seed: parsed.seed ?? 42, end: Date())
            if let days = parsed.days { settings.days = days }
            if let dirtyShare = parsed.dirtyShare { settings.dirtyShare = dirtyShare }
            let rate = parsed.rate ?? 0
            guard rate >= 0, rate.isFinite else { throw APIError.badRequest("invalid_rate", "rate must be 0 (as fast as possible) or a positive number of events per second.") }
            do {
                let status = try await controller.start(settings, rate: rate)
                return try Self.json(status, status: .accepted)
            } catch is SimulationController.AlreadyRunning {
                throw APIError(.conflict, code: "simulation_running", message: "A simulation is already running; see GET /v1/simulate.")
            } catch let error as SimulationSettingsError {
                throw APIError.badRequest("invalid_simulation", error.description)
            }
        }
        group.get { _, _ in try Self.json(await controller.current, status: .ok) }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try Response.json(encoding: value, status: status, encoder: encoder)
    }
}
