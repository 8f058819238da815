import Hummingbird
import ServiceRuntime

/// Why a request could not be answered from the warehouse: every case is a 503, since the
/// request was fine and asking again later can succeed.
enum RecommenderFailure: Error, CustomStringConvertible {
    /// PostgreSQL cannot be reached or the connection broke.
    case databaseUnavailable(String)
    /// PostgreSQL answers but a statement failed (gold tables missing while dbt rebuilds them, ...).
    case queryFailed(String)

    var description: String {
        switch self {
        case .databaseUnavailable(let reason): "the warehouse is unavailable: \(reason)"
        case .queryFailed(let reason): "a warehouse query failed: \(reason)"
        }
    }

    var apiError: APIError {
        switch self {
        case .databaseUnavailable:
            .unavailable("database_unavailable", "The recommendation database (PostgreSQL) cannot be reached right now; try again shortly.", retryAfterSeconds: 5)
        case .queryFailed:
            .unavailable("recommendations_unavailable", "The recommendation tables cannot be read right now (they may be being rebuilt); try again shortly.", retryAfterSeconds: 5)
        }
    }
}
