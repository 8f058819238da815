extension Recommender {
    /// Why recommender-api gave no usable answer, worded for the page that shows it.
    enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// No HTTP response: refused, timed out, DNS.
        case unreachable(url: String, detail: String)
        /// An HTTP error status, with the `{"error", "message"}` body when it had one.
        case errorStatus(url: String, status: Int, code: String?, message: String?)
        /// 200, but not the contract's JSON shape.
        case invalidResponse(url: String, detail: String)

        var description: String {
            switch self {
            case .unreachable(let url, let detail):
                return "recommender-api is unreachable (\(url): \(detail))."
            case .errorStatus(let url, let status, let code, let message):
                let reason = [code, message].compactMap { $0 }.joined(separator: ": ")
                return "recommender-api answered HTTP \(status) for \(url)" + (reason.isEmpty ? "." : " — \(reason)")
            case .invalidResponse(let url, let detail):
                return "recommender-api sent a response the dashboard cannot read (\(url): \(detail))."
            }
        }
    }
}
