import CLibPQ

/// Owns a PGresult. libpq documents results as read-only after creation and safe to read from
/// any thread, which is what makes sharing them between tasks sound.
final class LibPQResult: @unchecked Sendable {
    let pointer: OpaquePointer
    let rowCount: Int
    let columnNames: [String]
    let columnTypes: [UInt32]

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
        rowCount = Int(PQntuples(pointer))
        let columns = Int(PQnfields(pointer))
        // COPY results report a column count but no names.
        columnNames = (0..<columns).map { PQfname(pointer, Int32($0)).map { String(cString: $0) } ?? "" }
        columnTypes = (0..<columns).map { UInt32(PQftype(pointer, Int32($0))) }
    }

    deinit { PQclear(pointer) }

    /// Rows affected by INSERT/UPDATE/DELETE/COPY/..., nil for statements that report none.
    var affectedRows: Int? {
        let text = String(cString: PQcmdTuples(pointer))
        return text.isEmpty ? nil : Int(text)
    }

    func isNull(row: Int, column: Int) -> Bool {
        PQgetisnull(pointer, Int32(row), Int32(column)) != 0
    }

    /// The value's text, valid as long as this result lives.
    func text(row: Int, column: Int) -> UnsafeBufferPointer<UInt8> {
        let length = Int(PQgetlength(pointer, Int32(row), Int32(column)))
        let start = UnsafeRawPointer(PQgetvalue(pointer, Int32(row), Int32(column))!).assumingMemoryBound(to: UInt8.self)
        return UnsafeBufferPointer(start: start, count: length)
    }
}
