import Foundation

/// The Parquet files of a `file://` lake, counted and sized per event hour folder.
struct LakeFileCensus {
    struct Hour {
        var files = 0
        var bytes = 0
    }

    /// "YYYY-MM-DD HH" → files in that hour's folders (all four event types together).
    private(set) var hours: [String: Hour] = [:]

    init(root: String) {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return }
        while let path = walker.nextObject() as? String {
            guard path.hasSuffix(".parquet") else { continue }
            // bronze/<type>/year=YYYY/month=MM/day=DD/hour=HH/<file>
            let parts = path.split(separator: "/").compactMap { $0.split(separator: "=").dropFirst().first }
            guard parts.count == 4 else { continue }
            let hour = "\(parts[0])-\(parts[1])-\(parts[2]) \(parts[3])"
            let size = ((try? FileManager.default.attributesOfItem(atPath: root + "/" + path))?[.size] as? Int) ?? 0
            hours[hour, default: Hour()].files += 1
            hours[hour, default: Hour()].bytes += size
        }
    }

    var totalFiles: Int { hours.values.reduce(0) { $0 + $1.files } }

    /// Files per simulated hour (the first `fullHours` hours got a whole hour of events each).
    func print(eventsPerHour: Int, fullHours: Int) {
        Swift.print("== files per simulated hour (\(eventsPerHour) events/hour over 4 topics × 6 partitions, default settings)")
        for (index, (hour, census)) in hours.sorted(by: { $0.key < $1.key }).enumerated() {
            Swift.print(String(format: "  %@ UTC: %4d files, average %6.2f MiB%@", hour, census.files,
                               Double(census.bytes) / Double(max(1, census.files)) / 1_048_576, index < fullHours ? "" : " (partial hour)"))
        }
    }
}
