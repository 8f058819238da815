import Foundation
import Logging
import ServiceRuntime
import Testing

@Suite("JSON log lines")
struct JSONLogHandlerTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        func append(_ line: String) { lock.lock(); stored.append(line); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return stored }
    }

    @Test("one parseable JSON object per line with level, service, message, metadata and request_id")
    func shape() throws {
        let lines = Lines()
        var logger = Logger(label: "x") { _ in JSONLogHandler(service: "ingest-service", level: .info, sink: lines.append) }
        logger[metadataKey: "hb.request.id"] = "req-1"
        logger.info("line one \"quoted\"\nsecond line\u{1}", metadata: ["batch_id": "b-7"])
        logger.debug("below the level")
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(line.hasSuffix("}\n") && line.filter { $0 == "\n" }.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: String]
        #expect(object["level"] == "info")
        #expect(object["service"] == "ingest-service")
        #expect(object["message"] == "line one \"quoted\"\nsecond line\u{1}")
        #expect(object["batch_id"] == "b-7")
        #expect(object["request_id"] == "req-1")
        #expect(object["ts"]?.hasSuffix("Z") == true)
    }
}
