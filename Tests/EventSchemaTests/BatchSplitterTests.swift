import EventSchema
import Testing

@Suite("Request bodies split into the original bytes of each event")
struct BatchSplitterTests {
    private func texts(_ body: String, _ framing: EventBatchFraming) throws -> [String] {
        let bytes = Array(body.utf8)
        return try EventBatchSplitter.split(bytes, framing: framing).map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    @Test func arrayElementsKeepTheirExactBytes() throws {
        let body = "[\n  {\"a\": [1, 2]} ,\n{ \"b\" : \"x]\" },\"s\",3 ]"
        #expect(try texts(body, .array) == ["{\"a\": [1, 2]}", "{ \"b\" : \"x]\" }", "\"s\"", "3"])
        let elements = try EventBatchSplitter.split(Array(body.utf8), framing: .array)
        #expect(elements.map(\.line) == [2, 3, 3, 3])
        #expect(elements.map(\.index) == [0, 1, 2, 3])
    }

    @Test func emptyArrayHasNoElements() throws {
        #expect(try texts(" [ ] ", .array).isEmpty)
    }

    @Test func ndjsonSkipsBlankLinesAndAcceptsCRLF() throws {
        let body = "{\"n\":1}\r\n\r\n   \n{\"n\":2}\n\t{\"n\":3}\r\n"
        #expect(try texts(body, .ndjson) == ["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"])
        #expect(try EventBatchSplitter.split(Array(body.utf8), framing: .ndjson).map(\.line) == [1, 4, 5])
    }

    @Test func ndjsonLastLineWithoutNewline() throws {
        #expect(try texts("{}\n{\"x\":1}", .ndjson) == ["{}", "{\"x\":1}"])
    }

    @Test func malformedNDJSONLineIsThatEventsErrorWithBodyPosition() throws {
        let good = EventFixture.json()
        let body = Array((good + "\n" + good + "\n{\"broken\": }\n" + good).utf8)
        let elements = try EventBatchSplitter.split(body, framing: .ndjson)
        #expect(elements.count == 4)
        let results = body.withUnsafeBytes { buffer in
            elements.map { element in Result { () throws(EventValidationError) in try ListeningEvent.decode(element, in: buffer, now: EventFixture.now) } }
        }
        #expect(results.filter { (try? $0.get()) != nil }.count == 3)
        guard case .failure(let error) = results[2] else {
            Issue.record("line 3 should fail")
            return
        }
        let offset = 2 * (good.utf8.count + 1) + 11
        #expect(error.line == 3)
        #expect(error.byteOffset == offset)
        #expect(error.message.contains("line 3, column 12 (byte \(offset))"))
    }

    @Test func malformedArrayIsAFramingErrorAtLineAndOffset() throws {
        let body = Array("[\n{\"a\":1},\n{\"a\":2,,}\n]".utf8)
        #expect {
            try EventBatchSplitter.split(body, framing: .array)
        } throws: { error in
            guard let error = error as? EventFramingError else { return false }
            return error.line == 3 && error.column == 8 && error.byteOffset == 18 && error.message.contains("invalid JSON")
        }
    }

    @Test(arguments: [
        ("[{}, {}", "',' or ']'"), ("{}", "'['"), ("[{}] x", "unexpected data after the array"), ("[{},]", "a JSON value"),
    ])
    func arrayFramingErrors(_ body: String, _ mentions: String) {
        #expect {
            try EventBatchSplitter.split(Array(body.utf8), framing: .array)
        } throws: { error in
            (error as? EventFramingError)?.message.contains(mentions) == true
        }
    }

    @Test(arguments: [EventBatchFraming.single, .array, .ndjson])
    func emptyBodyIsAFramingError(_ framing: EventBatchFraming) {
        if framing == .array {
            #expect(throws: EventFramingError.self) { try EventBatchSplitter.split(Array("  ".utf8), framing: framing) }
        } else {
            #expect(throws: EventFramingError.self) { try EventBatchSplitter.split(Array(" \n ".utf8), framing: framing) }
        }
    }

    @Test func singleElementIsTrimmed() throws {
        #expect(try texts("\n  {\"x\": 1}  \n", .single) == ["{\"x\": 1}"])
    }

    @Test func frameDetection() {
        Array(" [{}]".utf8).withUnsafeBytes { body in
            #expect(EventBatchFraming.detect(contentType: "application/json", body: body) == .array)
            #expect(EventBatchFraming.detect(contentType: "application/x-ndjson; charset=utf-8", body: body) == .ndjson)
        }
        Array("{}".utf8).withUnsafeBytes { body in
            #expect(EventBatchFraming.detect(contentType: nil, body: body) == .single)
        }
    }

    @Test func arrayOfValidEventsDecodesEach() throws {
        let body = Array(("[" + EventFixture.json() + ",\n" + EventFixture.sampleText + "]").utf8)
        let elements = try EventBatchSplitter.split(body, framing: .array)
        let users = try body.withUnsafeBytes { buffer in
            try elements.map { try ListeningEvent.decode($0, in: buffer, now: EventFixture.now).userID }
        }
        #expect(users == ["user_0042", "user_0042"])
    }
}
