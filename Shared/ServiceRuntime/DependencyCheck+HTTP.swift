import HTTPClient

extension DependencyCheck {
    /// Another service is a dependency when its `GET /health` answers 200.
    public static func http(_ name: String, baseURL: String, client: HTTPClient) -> DependencyCheck {
        DependencyCheck(name) {
            // `/ready` shows why a check failed; the base URL may carry credentials, so only its
            // redacted form is ever part of that sentence.
            let shownURL = RedactedURL.redact(baseURL)
            let response: HTTPResponse
            do {
                response = try await client.execute(
                    HTTPRequest(method: .get, url: baseURL + "/health"),
                    timeout: HTTPTimeout(connect: .seconds(1), total: .seconds(2))
                )
            } catch {
                throw DependencyFailure(RedactedURL.redact(String(describing: error)))
            }
            guard response.status == 200 else {
                throw DependencyFailure("\(shownURL)/health answered \(response.status)")
            }
        }
    }
}
