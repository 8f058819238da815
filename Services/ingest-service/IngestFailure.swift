import Hummingbird
import ServiceRuntime

/// Why a whole request was refused; each maps to one status and error body.
enum IngestFailure: Error, Equatable {
    case malformedBody(String)
    case tooManyEvents(count: Int, limit: Int)
    case kafkaUnavailable(String)

    func apiError(retryAfterSeconds: Int) -> APIError {
        switch self {
        case let .malformedBody(message):
            return .badRequest("invalid_json", message)
        case let .tooManyEvents(count, limit):
            return APIError(.contentTooLarge, code: "too_many_events",
                            message: "The request holds \(count) events; the limit is \(limit) per request. Split it into smaller batches.")
        case let .kafkaUnavailable(message):
            return .unavailable("kafka_unavailable", message, retryAfterSeconds: retryAfterSeconds)
        }
    }
}
