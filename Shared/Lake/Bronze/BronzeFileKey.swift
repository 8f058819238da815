/// One bronze file's key: `bronze/<dataset>/year=YYYY/month=MM/day=DD/hour=HH/part-<topic>-<partition>-<first>-<last>.parquet`.
///
/// The name is a function of the Kafka coordinates it holds, so rewriting the same records
/// after a crash replaces the file instead of adding a duplicate.
public struct BronzeFileKey: Sendable, Hashable, CustomStringConvertible {
    public let dataset: BronzeDataset
    public let year: Int
    public let month: Int
    public let day: Int
    public let hour: Int
    public let topic: String
    public let partition: Int32
    public let firstOffset: Int64
    public let lastOffset: Int64

    /// nil when `topic` is not one of the event topics.
    public init?(topic: String, partition: Int32, firstOffset: Int64, lastOffset: Int64, eventTimeMicroseconds: Int64) {
        guard let dataset = BronzeDataset(topic: topic) else { return nil }
        let civil = BronzeLayout.civilHour(ofMicroseconds: eventTimeMicroseconds)
        self.dataset = dataset
        (year, month, day, hour) = civil
        self.topic = topic
        self.partition = partition
        self.firstOffset = firstOffset
        self.lastOffset = lastOffset
    }

    /// Parses a key as `LakeStorage.list` returns it; nil for anything else (temporary files, other
    /// folders, other writers' names: `LakeFileKey` takes those).
    public init?(key: String) {
        guard let file = LakeFileKey(key) else { return nil }
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 7,
              let year = Self.field(parts[2], "year", digits: 4), let month = Self.field(parts[3], "month", digits: 2),
              let day = Self.field(parts[4], "day", digits: 2), let hour = Self.field(parts[5], "hour", digits: 2),
              parts[6].hasPrefix("part-"), parts[6].hasSuffix(".parquet")
        else { return nil }
        // The topic may itself contain "-": the three numbers are taken from the right.
        let name = parts[6].dropFirst("part-".count).dropLast(".parquet".count)
        let pieces = name.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count >= 4, let partition = Int32(pieces[pieces.count - 3]),
              let first = Int64(pieces[pieces.count - 2]), let last = Int64(pieces[pieces.count - 1]), first <= last
        else { return nil }
        let topic = pieces.dropLast(3).joined(separator: "-")
        guard BronzeDataset(topic: topic) == file.dataset else { return nil }
        self.dataset = file.dataset
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.topic = topic
        self.partition = partition
        self.firstOffset = first
        self.lastOffset = last
    }

    public var key: String {
        "bronze/\(dataset.lakeFolder)/year=\(Self.pad(year, 4))/month=\(Self.pad(month, 2))/day=\(Self.pad(day, 2))/hour=\(Self.pad(hour, 2))/"
            + "part-\(topic)-\(partition)-\(firstOffset)-\(lastOffset).parquet"
    }

    public var description: String { key }

    /// The start of the file's event hour, microseconds since the epoch.
    public var hourStartMicroseconds: Int64 {
        BronzeLayout.hourStart(year: year, month: month, day: day, hour: hour)
    }

    /// The start of every key of `topic`'s `partition` in the hour holding `eventTimeMicroseconds`
    /// (`bronze/<dataset>/…/hour=HH/part-<topic>-<partition>-`): the files lake-writer compacts
    /// together. nil when `topic` is not one of the event topics.
    public static func prefix(topic: String, partition: Int32, eventTimeMicroseconds: Int64) -> String? {
        BronzeFileKey(topic: topic, partition: partition, firstOffset: 0, lastOffset: 0, eventTimeMicroseconds: eventTimeMicroseconds)
            .map { String($0.key.dropLast("0-0.parquet".count)) }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private static func field(_ part: Substring, _ name: String, digits: Int) -> Int? {
        guard part.hasPrefix(name + "=") else { return nil }
        let value = part.dropFirst(name.count + 1)
        guard value.count == digits, value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber) else { return nil }
        return Int(value)
    }
}
