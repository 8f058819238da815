import HTTPClient

extension DependencyCheck {
    /// Another service is a dependency when its `GET /health` answers 200.
    public static func http(_ name: String, baseURL: String, client: HTTPClient) -> DependencyCheck {
        DependencyCheck(name) {
            let response = try await client.execute(
                HTTPRequest(method: .get, url: baseURL + "/health"),
                timeout: HTTPTimeout(connect: .seconds(1), total: .seconds(2))
            )
            guard response.status == 200 else {
                throw DependencyFailure("\(baseURL)/health answered \(response.status)")
            }
        }
    }
}
