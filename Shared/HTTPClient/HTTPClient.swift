import Logging

/// An HTTP/1.1 and HTTP/2 client over libcurl.
///
/// Each request runs a blocking libcurl transfer on a dedicated worker thread (never on Swift's
/// cooperative pool) and resumes the caller when done. Workers keep their connections alive,
/// so repeated requests to one host (S3, the Spotify API) reuse them.
public final class HTTPClient: Sendable {
    public struct Configuration: Sendable {
        /// Requests in flight at once; more wait their turn.
        public var maxConcurrentRequests: Int
        /// Larger response bodies fail with `.responseTooLarge` instead of exhausting memory.
        public var maxResponseBytes: Int
        public var defaultTimeout: HTTPTimeout

        public init(maxConcurrentRequests: Int = 8, maxResponseBytes: Int = 64 << 20, defaultTimeout: HTTPTimeout = .default) {
            self.maxConcurrentRequests = maxConcurrentRequests
            self.maxResponseBytes = maxResponseBytes
            self.defaultTimeout = defaultTimeout
        }
    }

    public let configuration: Configuration
    private let logger: Logger
    private let workers: CurlWorkerPool

    public init(configuration: Configuration = Configuration(), logger: Logger = Logger(label: "http-client")) {
        self.configuration = configuration
        self.logger = logger
        self.workers = CurlWorkerPool(maxWorkers: configuration.maxConcurrentRequests)
    }

    /// Sends `request` and returns the response, whatever its status.
    ///
    /// - Throws: `HTTPClientError` when no response arrived (it names the URL and the cause),
    ///   `CancellationError` when the task was cancelled (the transfer is aborted within about a second).
    public func execute(_ request: HTTPRequest, timeout: HTTPTimeout? = nil) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let transfer = CurlTransfer(
            request: request, timeout: timeout ?? configuration.defaultTimeout,
            maxResponseBytes: configuration.maxResponseBytes, cancellation: CancellationFlag()
        )
        let start = ContinuousClock.now
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                workers.submit { handle in continuation.resume(returning: transfer.perform(on: handle)) }
            }
        } onCancel: {
            transfer.cancellation.cancel()
        }
        let elapsed = ContinuousClock.now - start
        switch outcome {
        case .response(let response):
            logger.debug("HTTP request done", metadata: ["method": "\(request.method)", "url": "\(request.url)", "status": "\(response.status)", "elapsed": "\(elapsed)"])
            return response
        case .failure(let error):
            logger.debug("HTTP request failed", metadata: ["method": "\(request.method)", "url": "\(request.url)", "error": "\(error)"])
            throw error
        case .cancelled:
            throw CancellationError()
        }
    }
}
