import Foundation
import Hummingbird
import NIOCore

/// `POST /v1/events` on a real loopback port answering from a script (status, headers, body),
/// one answer per request, the last repeated; it keeps every request it got.
final class ScriptedIngest: @unchecked Sendable {
    struct Answer: Sendable {
        var status: Int
        var body: String
        var retryAfter: String?
    }

    struct Received: Sendable {
        let body: String
        let authorization: String?
        let contentType: String?
    }

    let url: String
    private let lock = NSLock()
    private var script: [Answer]
    private var received: [Received] = []
    private let server: LoopbackServer

    private init(script: [Answer], server: LoopbackServer) {
        self.url = server.url
        self.script = script
        self.server = server
    }

    static func start(_ script: [Answer]) async throws -> ScriptedIngest {
        let router = Router()
        let box = Box()
        router.post("/v1/events") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 16 << 20)
            guard let ingest = box.ingest else { return Response(status: .serviceUnavailable) }
            return ingest.answer(Received(body: String(buffer: body), authorization: request.headers[.authorization],
                                          contentType: request.headers[.contentType]))
        }
        let ingest = ScriptedIngest(script: script, server: await LoopbackServer.start(router, label: "scripted-ingest"))
        box.ingest = ingest
        return ingest
    }

    final class Box: @unchecked Sendable {
        var ingest: ScriptedIngest?
    }

    func stop() async {
        await server.stop()
    }

    var requests: [Received] { lock.withLock { received } }

    private func answer(_ request: Received) -> Response {
        let next = lock.withLock {
            received.append(request)
            return script.count > 1 ? script.removeFirst() : script[0]
        }
        var headers: HTTPFields = [.contentType: "application/json"]
        if let retryAfter = next.retryAfter { headers[.retryAfter] = retryAfter }
        return Response(status: .init(code: next.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: next.body)))
    }
}
