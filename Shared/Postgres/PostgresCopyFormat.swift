/// The COPY data formats the row writer can produce.
public enum PostgresCopyFormat: Sendable {
    /// PostgreSQL's text format: tab-separated, `\N` for NULL, backslash escapes.
    case text
    /// CSV: comma-separated, unquoted empty field for NULL, `""` for an empty string.
    case csv

    /// The `WITH (...)` clause of a COPY statement in this format.
    public var copyOptions: String {
        switch self {
        case .text: "(FORMAT text)"
        case .csv: "(FORMAT csv)"
        }
    }
}
