import Testing
@testable import Parquet

@Suite("Columns grown a row at a time")
struct ColumnBuilderTests {
    @Test func builtColumnsEqualTheBatchBuildersAndRoundTrip() throws {
        let strings: [String?] = (0..<3000).map { $0 % 7 == 0 ? nil : ($0 % 11 == 0 ? "" : "Déjà 🎧 \($0 % 13)") }
        let ints: [Int64?] = (0..<3000).map { $0 % 5 == 0 ? nil : Int64($0) * -1_000_003 }
        let times: [Int64?] = (0..<3000).map { 1_700_000_000_000_000 + Int64($0) }
        let int32s: [Int32?] = (0..<3000).map { $0 % 2 == 0 ? nil : Int32($0) }
        let schema = try ParquetSchema([
            ParquetColumn(name: "s", type: .string, nullable: true),
            ParquetColumn(name: "i", type: .int64, nullable: true),
            ParquetColumn(name: "t", type: .timestamp(.micros), nullable: false),
            ParquetColumn(name: "n", type: .int32, nullable: true),
        ])
        var builders = try schema.columns.map { try ParquetColumnBuilder(type: $0.type) }
        for row in 0..<3000 {
            builders[0].append(strings[row])
            builders[1].append(ints[row])
            builders[2].append(times[row])
            builders[3].append(int32s[row])
        }
        #expect(builders.allSatisfy { $0.count == 3000 })
        let built = builders.map { $0.build() }
        #expect(built[0].strings() == strings)
        #expect(built[1].int64s() == ints)
        #expect(built[2].int64s() == times)
        #expect(built[2].validity == nil, "a column without nulls carries no validity mask")
        #expect(built[3].int32s() == int32s)

        let sink = ParquetMemorySink()
        let writer = try ParquetWriter(schema: schema, sink: sink, options: ParquetWriterOptions())
        try writer.write(columns: built)
        _ = try writer.close()
        let reader = try ParquetReader(bytes: sink.bytes)
        #expect(try reader.readColumn(named: "s").strings() == strings)
        #expect(try reader.readColumn(named: "i").int64s() == ints)
        #expect(try reader.readColumn(named: "t").int64s() == times)
        #expect(try reader.readColumn(named: "n").int32s() == int32s)
    }

    /// What a buffer counts against a memory budget: what its arrays hold, with their room to
    /// grow, so never less than the values' bytes and never more than twice them plus a page.
    @Test func byteCountFollowsWhatIsAllocated() throws {
        var text = try ParquetColumnBuilder(type: .string)
        var numbers = try ParquetColumnBuilder(type: .int64)
        var last = (text.byteCount, numbers.byteCount)
        var values = 0
        for row in 0..<10_000 {
            let value = String(repeating: "x", count: row % 40)
            text.append(row % 9 == 0 ? nil : value)
            if row % 9 != 0 { values += value.utf8.count }
            numbers.append(row % 3 == 0 ? nil : Int64(row))
            #expect(text.byteCount >= last.0 && numbers.byteCount >= last.1, "never shrinks while growing")
            last = (text.byteCount, numbers.byteCount)
        }
        let textUsed = values + 10_001 * MemoryLayout<Int>.stride + 10_000
        #expect(text.byteCount >= textUsed && text.byteCount <= 2 * textUsed + 4096)
        let numbersUsed = 10_000 * 8 + 10_000
        #expect(numbers.byteCount >= numbersUsed && numbers.byteCount <= 2 * numbersUsed + 4096)
    }

    @Test func onlyTextAndIntegerColumnsAreBuilt() {
        #expect(throws: ParquetError.self) { try ParquetColumnBuilder(type: .double) }
        #expect(throws: ParquetError.self) { try ParquetColumnBuilder(type: .boolean) }
    }
}
