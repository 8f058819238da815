import EventSchema
import Foundation
import IngestAPI
import Kafka
import Logging

/// The heart of ingestion: splits a body into events, validates each, and hands the accepted
/// ones to Kafka and the rejected ones to the dead-letter topic — returning only once Kafka has
/// acknowledged all of them, so a reply never claims an event Kafka did not take.
struct EventIngestor: Sendable {
    let publisher: any EventPublisher
    let limits: IngestLimits
    let duplicates: RecentEventIDs
    let metrics: IngestMetrics
    var now: @Sendable () -> Date = { Date() }

    static let serviceName = "ingest-service"
    /// Kafka refuses records over `message.max.bytes` (1 MB by default): a malformed body is kept
    /// in the dead-letter topic up to this size, with a header saying it was cut.
    static let maxDeadLetterBytes = 900 * 1024

    func ingest(body: [UInt8], contentType: String?) async throws(IngestFailure) -> IngestOutcome {
        let framing = body.withUnsafeBytes { EventBatchFraming.detect(contentType: contentType, body: $0) }
        let elements: [EventBatchElement]
        do {
            elements = try EventBatchSplitter.split(body, framing: framing)
        } catch {
            let message = "The body is not valid \(framing == .ndjson ? "NDJSON" : "JSON"): \(error.message) at line \(error.line), column \(error.column) (byte \(error.byteOffset))."
            try await deadLetterMalformedBody(body, reason: message)
            metrics.rejectedRequest(reason: "invalid_json")
            throw .malformedBody(message)
        }
        if elements.isEmpty {
            let message = "The body holds no events: send one event, a non-empty array, or NDJSON lines."
            try await deadLetterMalformedBody(body, reason: message)
            metrics.rejectedRequest(reason: "invalid_json")
            throw .malformedBody(message)
        }
        guard elements.count <= limits.maxBatchEvents else {
            metrics.rejectedRequest(reason: "too_many_events")
            throw .tooManyEvents(count: elements.count, limit: limits.maxBatchEvents)
        }

        let receivedAt = now()
        var records: [KafkaProducerMessage] = []
        records.reserveCapacity(elements.count)
        var rejections: [IngestOutcome.Rejection] = []
        var acceptedEvents: [ListeningEvent] = []
        acceptedEvents.reserveCapacity(elements.count)
        body.withUnsafeBytes { buffer in
            for element in elements {
                let bytes = Array(buffer[element.range])
                do throws(EventValidationError) {
                    let event = try ListeningEvent.decode(element, in: buffer, now: receivedAt)
                    acceptedEvents.append(event)
                    records.append(Self.record(for: event, bytes: bytes))
                } catch {
                    rejections.append(IngestOutcome.Rejection(index: element.index, eventID: error.eventID, field: error.field, message: error.message))
                    let letter = DeadLetter(originalBytes: bytes, reason: "\(error.field): \(error.message)", sourceService: Self.serviceName)
                    records.append(Self.record(for: letter))
                }
            }
        }

        let results = await publisher.publish(records)
        let failures = results.compactMap { result -> KafkaError? in
            if case let .failure(error) = result { return error }
            return nil
        }
        if let first = failures.first {
            metrics.kafkaFailure(records: failures.count)
            throw .kafkaUnavailable(
                "Kafka did not acknowledge \(failures.count) of \(records.count) records (\(first.message)); nothing in this request can be counted as accepted. Retry later: events already taken are deduplicated downstream by event_id."
            )
        }
        var acceptedByType: [EventType: Int] = [:]
        var duplicateCount = 0
        for event in acceptedEvents {
            acceptedByType[event.eventType, default: 0] += 1
            if duplicates.insertAndCheckSeen(event.eventID, at: receivedAt) { duplicateCount += 1 }
        }
        for (type, count) in acceptedByType { metrics.accepted(type, count: count) }
        if duplicateCount > 0 { metrics.duplicate(count: duplicateCount) }
        for (field, count) in Dictionary(grouping: rejections, by: \.field).mapValues(\.count) {
            metrics.rejected(field: field, count: count)
        }
        return IngestOutcome(accepted: acceptedEvents.count, rejected: rejections.count, errors: rejections)
    }

    private func deadLetterMalformedBody(_ body: [UInt8], reason: String) async throws(IngestFailure) {
        var letter = DeadLetter(originalBytes: Array(body.prefix(Self.maxDeadLetterBytes)), reason: reason, sourceService: Self.serviceName)
        var record = Self.record(for: letter)
        if body.count > Self.maxDeadLetterBytes {
            letter.reason += " (body truncated from \(body.count) bytes)"
            record = Self.record(for: letter)
            record.headers.append(KafkaHeader(key: "truncated", string: "true"))
        }
        if case let .failure(error) = await publisher.publish([record]).first {
            metrics.kafkaFailure(records: 1)
            throw .kafkaUnavailable("Kafka did not take the rejected body into \(EventTopics.deadLetter) (\(error.message)). Retry later.")
        }
    }

    static func record(for event: ListeningEvent, bytes: [UInt8]) -> KafkaProducerMessage {
        KafkaProducerMessage(topic: event.eventType.kafkaTopic, key: event.userID, value: bytes,
                             headers: headers(for: event.eventType, schemaVersion: event.schemaVersion))
    }

    /// The headers every record of a type and schema version carries, built once: each record
    /// shares the array instead of allocating four (profile of a 500-event batch, issue #18).
    private struct HeaderKey: Hashable { let type: EventType, version: Int }
    private static let sharedHeaders: [HeaderKey: [KafkaHeader]] = Dictionary(uniqueKeysWithValues:
        EventType.allCases.flatMap { type in
            EventLimits.supportedSchemaVersions.map { (HeaderKey(type: type, version: $0), makeHeaders(for: type, schemaVersion: $0)) }
        })

    static func headers(for type: EventType, schemaVersion: Int) -> [KafkaHeader] {
        sharedHeaders[HeaderKey(type: type, version: schemaVersion)] ?? makeHeaders(for: type, schemaVersion: schemaVersion)
    }

    private static func makeHeaders(for type: EventType, schemaVersion: Int) -> [KafkaHeader] {
        [
            KafkaHeader(key: EventTopics.Header.eventType, string: type.rawValue),
            KafkaHeader(key: EventTopics.Header.schemaVersion, string: String(schemaVersion)),
        ]
    }

    static func record(for letter: DeadLetter) -> KafkaProducerMessage {
        KafkaProducerMessage(
            topic: EventTopics.deadLetter,
            key: nil,
            value: letter.originalBytes,
            headers: letter.headers.map { KafkaHeader(key: $0.name, string: $0.value) }
        )
    }
}
