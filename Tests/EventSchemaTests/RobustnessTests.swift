import EventSchema
import Testing

/// Hostile input must produce errors, never crashes: every truncation and many single-byte
/// corruptions of a valid event are decoded (the assertion is that the process survives and
/// that a result either way is well-formed).
@Suite("Malformed input never crashes the decoder")
struct RobustnessTests {
    private static let sample = Array(EventFixture.json(set: [("note", #""caf\u00e9 \ud83c\udfb5""#), ("n", "[1.5e3, {}]")]).utf8)

    @Test func everyTruncation() {
        for length in 0..<Self.sample.count {
            let error = EventFixture.error(Array(Self.sample[0..<length]))
            #expect(error != nil, "a truncated event must not decode (length \(length))")
        }
    }

    @Test(arguments: [UInt8(0x00), 0x22, 0x5C, 0x7B, 0x5D, 0x2C, 0x3A, 0x80, 0xFF, 0x20])
    func everySingleByteCorruption(_ replacement: UInt8) {
        for index in Self.sample.indices {
            var bytes = Self.sample
            bytes[index] = replacement
            if let error = EventFixture.error(bytes) {
                #expect(!error.message.isEmpty && !error.field.isEmpty)
            }
        }
    }

    @Test func splitterSurvivesTheSameCorruptions() {
        let body = Array("[".utf8) + Self.sample + Array(",".utf8) + Self.sample + Array("]".utf8)
        for index in body.indices {
            var bytes = body
            bytes[index] = 0x5D
            _ = try? EventBatchSplitter.split(bytes, framing: .array)
            _ = try? EventBatchSplitter.split(bytes, framing: .ndjson)
        }
    }
}
