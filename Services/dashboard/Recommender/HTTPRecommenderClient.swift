import Foundation
import HTTPClient

/// `RecommenderClient` over HTTP (`RECOMMENDER_URL`). Timeouts are short: a page shows
/// "recommender-api is unreachable" rather than hanging when the service is down.
struct HTTPRecommenderClient: RecommenderClient {
    let baseURL: String
    let client: HTTPClient
    let timeout: HTTPTimeout

    func userRecommendations(userID: String, limit: Int) async throws(Recommender.Failure) -> Recommender.UserRecommendations {
        try await get("/users/\(Self.pathSegment(userID))/recommendations?limit=\(limit)")
    }

    func nowPlaying(userID: String) async throws(Recommender.Failure) -> NowPlayingSnapshot {
        try await get("/users/\(Self.pathSegment(userID))/now-playing")
    }

    func liveActivity(limit: Int) async throws(Recommender.Failure) -> LiveActivity {
        try await get("/now-playing?limit=\(limit)")
    }

    func cacheStats() async throws(Recommender.Failure) -> Recommender.CacheStats {
        try await get("/cache/stats")
    }

    private func get<T: Decodable>(_ path: String) async throws(Recommender.Failure) -> T {
        let url = baseURL + path
        let response: HTTPResponse
        do {
            response = try await client.execute(
                HTTPRequest(method: .get, url: url, headers: ["Accept": "application/json"]), timeout: timeout)
        } catch let error as HTTPClientError {
            throw .unreachable(url: url, detail: error.kind.rawValue)
        } catch {
            throw .unreachable(url: url, detail: "\(error)")
        }
        guard response.isSuccess else {
            let body = try? JSONDecoder().decode(ErrorBody.self, from: Data(response.body))
            throw .errorStatus(url: url, status: response.status, code: body?.error, message: body?.message)
        }
        return try Self.decode(T.self, from: response.body, url: url)
    }

    /// Decodes a contract payload; shared with the tests, which feed it the contract's examples.
    static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8], url: String) throws(Recommender.Failure) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch let error as DecodingError {
            throw .invalidResponse(url: url, detail: Self.describe(error))
        } catch {
            throw .invalidResponse(url: url, detail: "\(error)")
        }
    }

    static func pathSegment(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~:")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \(Self.path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(Self.path(context.codingPath))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "bad value at \(Self.path(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private struct ErrorBody: Decodable {
        var error: String?
        var message: String?
    }
}
