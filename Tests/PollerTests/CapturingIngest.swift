import Foundation
import Hummingbird
import NIOCore

/// A stand-in for ingest-service's `POST /v1/events` on a real port, for tests of delivery
/// that must not depend on Kafka: records each event line, or answers 503 while "down".
final class CapturingIngest: @unchecked Sendable {
    let url: String
    private let lock = NSLock()
    private var lines: [String] = []
    private var down = false
    private var bearer: [String?] = []
    private let server: LoopbackServer

    private init(server: LoopbackServer) {
        self.url = server.url
        self.server = server
    }

    static func start() async throws -> CapturingIngest {
        let router = Router()
        let box = Box()
        router.post("/v1/events") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 16 << 20)
            guard let ingest = box.ingest else { return Response(status: .serviceUnavailable) }
            return ingest.receive(String(buffer: body), authorization: request.headers[.authorization])
        }
        router.get("/health") { _, _ in Response(status: .ok) }
        let ingest = CapturingIngest(server: await LoopbackServer.start(router, label: "capturing-ingest"))
        box.ingest = ingest
        return ingest
    }

    final class Box: @unchecked Sendable {
        var ingest: CapturingIngest?
    }

    func stop() async {
        await server.stop()
    }

    /// While down, every post gets 503 with Retry-After, as ingest-service does without Kafka.
    func setDown(_ isDown: Bool) { lock.withLock { down = isDown } }

    /// Every event received, parsed.
    var events: [[String: Any]] {
        lock.withLock { lines }.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    var authorizationHeaders: [String?] { lock.withLock { bearer } }

    private func receive(_ body: String, authorization: String?) -> Response {
        let received = body.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let isDown = lock.withLock {
            bearer.append(authorization)
            if !down { lines.append(contentsOf: received) }
            return down
        }
        if isDown {
            return Response(status: .serviceUnavailable, headers: [.retryAfter: "1", .contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"error":"kafka_unavailable","message":"down for the test"}"#)))
        }
        return Response(status: .accepted, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(string: #"{"accepted":\#(received.count),"rejected":0,"errors":[]}"#)))
    }
}
