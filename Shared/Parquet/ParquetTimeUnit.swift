/// Resolution of a stored timestamp. Values in this library's API are always microseconds; the
/// unit says how the file stores them (and so how much precision a round trip keeps).
public enum ParquetTimeUnit: String, Sendable, Hashable {
    case millis, micros, nanos
}
