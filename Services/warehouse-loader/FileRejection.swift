/// A file that can never load as it is (unreadable, wrong schema, values bronze refuses).
/// It is quarantined in `load_history` with this message; other errors are retried later.
struct FileRejection: Error, Sendable, CustomStringConvertible {
    let message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}
