import Lake
import Parquet

/// Which file columns feed which bronze columns. Missing optional columns stay NULL (they are
/// left out of the COPY column list); extra columns are not read at all.
struct BronzeColumnPlan: Sendable {
    /// Bronze columns present in the file, in table order.
    let columns: [BronzeColumn]

    init(schema: ParquetSchema) throws {
        var present: [BronzeColumn] = []
        var problems: [String] = []
        for column in BronzeColumn.allCases {
            guard let index = schema.index(of: column.name) else {
                if column.isRequiredOnLoad { problems.append("required column '\(column.name)' is missing") }
                continue
            }
            let type = schema[index].type
            guard column.kind.accepts(type) else {
                problems.append("column '\(column.name)' is \(type) in the file; bronze needs \(column.kind.sqlType)")
                continue
            }
            present.append(column)
        }
        guard problems.isEmpty else { throw FileRejection("incompatible schema: " + problems.joined(separator: "; ")) }
        columns = present
    }

    var fileColumnNames: [String] { columns.map(\.name) }

    /// COPY target columns: the file's bronze columns plus the file's own key.
    var copyColumns: [String] { fileColumnNames + [BronzeTable.sourceFileColumn] }
}
