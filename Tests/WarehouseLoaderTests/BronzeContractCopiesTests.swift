import Foundation
import Lake
import Parquet
import Testing
@testable import WarehouseLoader

/// The bronze columns are defined once in Swift (`BronzeColumn` and `BronzeDataset` in Shared/Lake);
/// dbt's `bronze_sources.yml` and Airflow's `bronze_quality.py` hold copies in their own languages.
/// These checks fail when a copy falls behind the Swift table, naming the column and the file.
@Suite("bronze contract: the dbt and Airflow copies agree with the Swift table")
struct BronzeContractCopiesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent(path), encoding: .utf8)
    }

    /// The loader's table columns: what it reads from the files, then what it adds.
    static var warehouseColumns: [(name: String, type: String)] {
        BronzeColumn.allCases.map { ($0.name, $0.kind.sqlType) } + [(BronzeTable.sourceFileColumn, "text"), (BronzeTable.loadedAtColumn, "timestamptz")]
    }

    @Test("the loader's DDL holds every column of the table, in order, then the two it adds")
    func loaderDDL() throws {
        let ddl = try #require(BronzeMigrations.all.first).sql("bronze")
        var position = ddl.startIndex
        for (name, type) in Self.warehouseColumns {
            let range = try #require(ddl.range(of: "\(name)\" \(type)", range: position..<ddl.endIndex) ?? ddl.range(of: "\(name) \(type)", range: position..<ddl.endIndex),
                                     "\(name) \(type) is not in migration 1's DDL, or not in order")
            position = range.upperBound
        }
    }

    @Test("dbt/models/bronze_sources.yml declares every bronze table with the loader's columns and types")
    func dbtSources() throws {
        let yaml = try Self.text("dbt/models/bronze_sources.yml")
        let declared = Self.anchoredColumns(yaml, anchor: "bronze_event_columns")
        let expected = Self.warehouseColumns.map { "\($0.name) \($0.type)" }
        #expect(declared == expected, "bronze_sources.yml's event columns differ from the loader's")
        for dataset in BronzeDataset.allCases {
            let table = try #require(Self.tableBlock(yaml, name: dataset.table), "bronze_sources.yml has no table \(dataset.table)")
            #expect(table.contains("lake_dataset: \(dataset.lakeFolder)}"), "\(dataset.table): lake_dataset should be \(dataset.lakeFolder)")
            #expect(table.contains("columns: &bronze_event_columns") || table.contains("columns: *bronze_event_columns"),
                    "\(dataset.table) does not use the shared event columns")
        }
    }

    @Test("airflow's bronze_quality.py checks the bronze tables and the columns the loader requires")
    func airflowQuality() throws {
        let python = try Self.text("airflow/dags/spotify_platform/bronze_quality.py")
        let common = try #require(python.firstMatch(of: /COMMON_REQUIRED = \(([^)]*)\)/)).1
        let required = common.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }.filter { !$0.isEmpty }
        #expect(required == BronzeColumn.allCases.filter(\.isRequiredOnLoad).map(\.name))
        let tables = python.matches(of: /^    "(\w+)": COMMON_REQUIRED/.anchorsMatchLineEndings()).map { String($0.1) }
        #expect(Set(tables) == Set(BronzeDataset.allCases.map(\.table)))
    }

    @Test("docs/CONTRACT.md's table of Parquet columns lists the table's columns, in order, with their types and nulls")
    func contractReference() throws {
        let rows = Self.contractParquetRows(try Self.text("docs/CONTRACT.md"))
        #expect(rows.map(\.name) == BronzeColumn.allCases.map(\.name), "docs/CONTRACT.md §3 lists other columns, or in another order")
        for (row, column) in zip(rows, BronzeColumn.allCases) {
            #expect(row.nullable == column.isNullableInLake, "docs/CONTRACT.md §3: \(column.name) nullable should be \(column.isNullableInLake)")
            let documented: Bool = switch column.kind {
            case .text: row.type.contains("string")
            case .bigint: row.type.hasPrefix("INT64") && !row.type.contains("TIMESTAMP")
            case .integer: row.type == "INT32"
            case .timestamptz: row.type.contains("TIMESTAMP(MICROS, UTC)")
            }
            #expect(documented, "docs/CONTRACT.md §3: \(column.name) is documented as \(row.type), lake-writer writes \(column.kind.parquetType)")
        }
    }

    /// Each column of docs/CONTRACT.md's Parquet table (a row may name several), with its row's type and nullability.
    static func contractParquetRows(_ markdown: String) -> [(name: String, type: String, nullable: Bool)] {
        guard let start = markdown.range(of: "| column | Parquet type | nullable |") else { return [] }
        var rows: [(String, String, Bool)] = []
        for line in markdown[start.upperBound...].split(separator: "\n").dropFirst() {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 3 else { continue }
            for name in cells[0].matches(of: /`([^`]+)`/) {
                rows.append((String(name.1), cells[1], cells[2] == "yes"))
            }
        }
        return rows
    }

    @Test("the checks see a copy that falls behind")
    func checksCatchDrift() throws {
        let yaml = try Self.text("dbt/models/bronze_sources.yml")
        let drifted = yaml.replacingOccurrences(of: "          - name: ms_played\n            data_type: bigint", with: "          - name: ms_played\n            data_type: integer")
        #expect(drifted != yaml)
        #expect(Self.anchoredColumns(drifted, anchor: "bronze_event_columns").contains("ms_played integer"))
        #expect(Self.anchoredColumns(drifted, anchor: "bronze_event_columns") != Self.anchoredColumns(yaml, anchor: "bronze_event_columns"))
        #expect(Self.tableBlock(yaml, name: "no_such_table") == nil)
        let markdown = try Self.text("docs/CONTRACT.md")
        let swapped = markdown.replacingOccurrences(of: "| `_kafka_partition` | INT32 | no |", with: "| `_kafka_partition` | INT32 | yes |")
        #expect(swapped != markdown)
        #expect(Self.contractParquetRows(swapped).map(\.nullable) != Self.contractParquetRows(markdown).map(\.nullable))
    }

    /// "name data_type" for each column of the list that `&anchor` starts.
    static func anchoredColumns(_ yaml: String, anchor: String) -> [String] {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasSuffix("columns: &\(anchor)") }) else { return [] }
        let indent = lines[start].prefix { $0 == " " }.count
        var columns: [String] = []
        var name: String?
        for line in lines[(start + 1)...] {
            let depth = line.prefix { $0 == " " }.count
            let content = line.trimmingCharacters(in: .whitespaces)
            if !content.isEmpty && depth <= indent && !content.hasPrefix("- name:") { break }
            if content.hasPrefix("- name:") {
                if depth < indent { break }
                name = content.dropFirst("- name:".count).trimmingCharacters(in: .whitespaces)
            } else if content.hasPrefix("data_type:"), let current = name {
                columns.append("\(current) \(content.dropFirst("data_type:".count).trimmingCharacters(in: .whitespaces))")
            }
        }
        return columns
    }

    /// The lines of one table of the source, from its `- name:` to the next table's.
    static func tableBlock(_ yaml: String, name: String) -> String? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "      - name: \(name)") else { return nil }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("      - name: ") } ?? lines.endIndex
        return lines[start..<end].joined(separator: "\n")
    }
}
