/// Every failure the library reports: a kind to branch on and a sentence that names the file
/// region, column or feature involved.
public struct ParquetError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The file or sink could not be read or written.
        case io
        /// The bytes are not a Parquet file (wrong magic, too short).
        case notParquet
        /// The footer or a page header does not decode or contradicts itself.
        case corruptMetadata
        /// A page's contents do not decode (bad lengths, bad compression, bad levels).
        case corruptPage
        /// A valid Parquet feature this library does not implement.
        case unsupported
        /// The caller passed something that does not fit (wrong schema, unknown column, bad option).
        case invalidArgument
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "Parquet: \(message)" }
}
