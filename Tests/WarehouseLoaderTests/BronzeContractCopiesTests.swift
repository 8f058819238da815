import Foundation
import Lake
import Parquet
import Testing
@testable import WarehouseLoader

/// The bronze columns are defined in Swift (lake-writer's `BronzeParquetSchema`, the loader's
/// `BronzeColumn.all` and datasets); dbt's `bronze_sources.yml` and Airflow's `bronze_quality.py`
/// hold copies in their own languages. These checks fail when a copy falls behind the Swift
/// table, naming the column and the file.
@Suite("bronze contract: the dbt and Airflow copies agree with the Swift table")
struct BronzeContractCopiesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent(path), encoding: .utf8)
    }

    /// The loader's table columns: what it reads from the files, then what it adds.
    static var warehouseColumns: [(name: String, type: String)] {
        BronzeColumn.all.map { ($0.name, $0.kind.sqlType) } + [(BronzeColumn.sourceFileColumn, "text"), ("_loaded_at", "timestamptz")]
    }

    @Test("lake-writer's Parquet schema and the loader's columns name the same columns, in order, with matching types")
    func parquetAndLoader() {
        let parquet = BronzeParquetSchema.schema.columns
        #expect(parquet.map(\.name) == BronzeColumn.all.map(\.name))
        for (file, table) in zip(parquet, BronzeColumn.all) {
            let expected: String = switch file.type {
            case .string: "text"
            case .int64: "bigint"
            case .int32: "integer"
            case .timestamp: "timestamptz"
            default: "?"
            }
            #expect(table.kind.sqlType == expected, "\(file.name): Parquet \(file.type), bronze \(table.kind.sqlType)")
            if table.required { #expect(!file.nullable, "\(file.name) is required on load but nullable in the lake") }
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
        #expect(required == BronzeColumn.all.filter(\.required).map(\.name))
        let tables = python.matches(of: /^    "(\w+)": COMMON_REQUIRED/.anchorsMatchLineEndings()).map { String($0.1) }
        #expect(Set(tables) == Set(BronzeDataset.allCases.map(\.table)))
    }

    @Test("the checks see a copy that falls behind")
    func checksCatchDrift() throws {
        let yaml = try Self.text("dbt/models/bronze_sources.yml")
        let drifted = yaml.replacingOccurrences(of: "          - name: ms_played\n            data_type: bigint", with: "          - name: ms_played\n            data_type: integer")
        #expect(drifted != yaml)
        #expect(Self.anchoredColumns(drifted, anchor: "bronze_event_columns").contains("ms_played integer"))
        #expect(Self.anchoredColumns(drifted, anchor: "bronze_event_columns") != Self.anchoredColumns(yaml, anchor: "bronze_event_columns"))
        #expect(Self.tableBlock(yaml, name: "no_such_table") == nil)
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
