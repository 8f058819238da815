/// A column chunk's decoded dictionary page.
enum DictionaryValues {
    case none
    case int32([Int32])
    /// INT64 and INT96 (already in API units: timestamps as microseconds).
    case int64([Int64])
    case float([Float])
    case double([Double])
    case byteArray(offsets: [Int], bytes: [UInt8])

    var count: Int {
        switch self {
        case .none: 0
        case .int32(let v): v.count
        case .int64(let v): v.count
        case .float(let v): v.count
        case .double(let v): v.count
        case .byteArray(let offsets, _): offsets.count - 1
        }
    }
}
