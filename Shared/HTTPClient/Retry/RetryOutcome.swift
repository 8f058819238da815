/// What one attempt produced, as seen by a retry predicate.
public enum RetryOutcome: Sendable {
    case response(HTTPResponse)
    case failure(any Error)

    func get() throws -> HTTPResponse {
        switch self {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }
}
