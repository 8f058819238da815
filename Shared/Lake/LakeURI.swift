/// Where the data lake lives, parsed from `LAKE_URI` (docs/CONTRACT.md, section 3).
public enum LakeURI: Sendable, Equatable, CustomStringConvertible {
    case s3(bucket: String, prefix: String)
    case file(path: String)

    /// The forms `init?(_:)` accepts, as a configuration error states them.
    public static let expectedForm = "s3://bucket/prefix or file:///absolute/path"

    public init?(_ raw: String) {
        if raw.hasPrefix("s3://") {
            let rest = raw.dropFirst("s3://".count)
            let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard let bucket = parts.first, !bucket.isEmpty else { return nil }
            let prefix = parts.count > 1 ? parts[1].trimmingSuffix("/") : ""
            self = .s3(bucket: String(bucket), prefix: prefix)
        } else if raw.hasPrefix("file:///") {
            let path = String(raw.dropFirst("file://".count))
            self = .file(path: path.count > 1 ? Substring(path).trimmingSuffix("/") : path)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case let .s3(bucket, prefix): return prefix.isEmpty ? "s3://\(bucket)" : "s3://\(bucket)/\(prefix)"
        case let .file(path): return "file://\(path)"
        }
    }
}

extension Substring {
    fileprivate func trimmingSuffix(_ suffix: Character) -> String {
        var result = self
        while result.last == suffix { result = result.dropLast() }
        return String(result)
    }
}
