import EventSchema
import Foundation
import Hummingbird
import HummingbirdTesting
import Kafka
import Logging
import ServiceRuntime

@testable import IngestService

/// Captures what ingestion hands to Kafka; can be told to fail, for the paths a real broker
/// cannot stage on demand.
final class RecordingPublisher: EventPublisher, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [KafkaProducerMessage] = []
    private let failTopics: Set<String>

    init(failTopics: Set<String> = []) {
        self.failTopics = failTopics
    }

    func publish(_ records: [KafkaProducerMessage]) async -> [Result<KafkaDeliveryReport, KafkaError>] {
        store(records)
    }

    private func store(_ records: [KafkaProducerMessage]) -> [Result<KafkaDeliveryReport, KafkaError>] {
        lock.lock()
        defer { lock.unlock() }
        return records.map { record in
            if failTopics.contains(record.topic) {
                return .failure(KafkaError(code: .messageTimedOut, message: "Local: Message timed out"))
            }
            stored.append(record)
            return .success(KafkaDeliveryReport(topic: record.topic, partition: 0, offset: Int64(stored.count - 1)))
        }
    }

    var records: [KafkaProducerMessage] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func records(on topic: String) -> [KafkaProducerMessage] { records.filter { $0.topic == topic } }
}

enum IngestFixtures {
    static func event(id: UUID = UUID(), user: String = "user_0042", type: String = "play", extra: String = "") -> String {
        """
        {"event_id":"\(id.uuidString.lowercased())","user_id":"\(user)","event_type":"\(type)","track_id":"0VjIjW4GlUZAMYd2vXMi3b","track_name":"Blinding Lights","artist_name":"The Weeknd","album_name":"After Hours","duration_ms":200040,"played_at":"2025-11-18T14:23:15Z","device_type":"desktop"\(extra)}
        """
    }

    /// Builds ingest-service around `publisher`, with no broker needed.
    static func app(
        publisher: RecordingPublisher, env extra: [String: String] = [:]
    ) throws -> some ApplicationProtocol {
        var values = ["KAFKA_BROKERS": "127.0.0.1:1"]
        values.merge(extra) { _, new in new }
        return try buildIngestApplication(IngestConfiguration(ServiceEnvironment(values)), logger: Logger(label: "ingest-tests"), publisher: publisher)
    }
}

struct IngestReply {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let json: [String: Any]

    var accepted: Int? { json["accepted"] as? Int }
    var rejected: Int? { json["rejected"] as? Int }
    var errors: [[String: Any]] { json["errors"] as? [[String: Any]] ?? [] }
    var errorCode: String? { json["error"] as? String }
    var message: String? { json["message"] as? String }
}

extension TestClientProtocol {
    func postEvents(_ body: String, contentType: String? = "application/json", headers extra: HTTPFields = [:]) async throws -> IngestReply {
        try await postEvents(ByteBuffer(string: body), contentType: contentType, headers: extra)
    }

    func postEvents(_ body: ByteBuffer, contentType: String? = "application/json", headers extra: HTTPFields = [:]) async throws -> IngestReply {
        var headers = extra
        if let contentType { headers[.contentType] = contentType }
        return try await execute(uri: "/v1/events", method: .post, headers: headers, body: body) { response in
            let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
            return IngestReply(status: response.status, headers: response.headers, json: object)
        }
    }
}
