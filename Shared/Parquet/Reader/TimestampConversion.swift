/// Normalises stored timestamps to the API's microseconds.
enum TimestampConversion {
    /// Julian day number of 1970-01-01 (INT96 timestamps count days from the Julian epoch).
    static let julianEpochDay: Int64 = 2_440_588
    static let microsPerDay: Int64 = 86_400_000_000

    /// nil when the value does not fit in Int64 microseconds.
    static func micros(_ value: Int64, from unit: ParquetTimeUnit) -> Int64? {
        switch unit {
        case .micros: return value
        case .millis:
            let (r, overflow) = value.multipliedReportingOverflow(by: 1000)
            return overflow ? nil : r
        case .nanos:
            // Floor division so instants before 1970 round toward the past, like pyarrow's casts.
            let q = value / 1000
            return value % 1000 < 0 ? q - 1 : q
        }
    }

    /// 12 bytes: nanoseconds within the day (8, little-endian), then the Julian day (4).
    static func int96Micros(_ p: UnsafeRawPointer) -> Int64 {
        let nanos = Int64(littleEndian: p.loadUnaligned(as: Int64.self))
        let day = Int64(Int32(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: Int32.self)))
        // Wrapping arithmetic: garbage in gives garbage out, never a trap.
        return (day &- julianEpochDay) &* microsPerDay &+ (nanos / 1000)
    }
}
