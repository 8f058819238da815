import Foundation
import Logging

/// Writes one JSON object per line to stdout: `ts`, `level`, `service`, `message`, then the
/// metadata (request and batch ids among them), so log shippers need no parsing rules.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let service: String
    private let sink: @Sendable (String) -> Void

    public init(service: String, level: Logger.Level, sink: @escaping @Sendable (String) -> Void = JSONLogHandler.writeToStdout) {
        self.service = service
        self.logLevel = level
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = "{\"ts\":"
        line.appendJSONString(Self.timestamp())
        line += ",\"level\":"
        line.appendJSONString(event.level.rawValue)
        line += ",\"service\":"
        line.appendJSONString(service)
        line += ",\"message\":"
        line.appendJSONString(event.message.description)
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for key in merged.keys.sorted() {
            line += ","
            line.appendJSONString(Self.fieldName(key))
            line += ":"
            line.appendJSONString(merged[key]!.description)
        }
        if event.level >= .warning {
            line += ",\"source\":"
            line.appendJSONString("\(event.file.split(separator: "/").last ?? ""):\(event.line)")
        }
        line += "}\n"
        sink(line)
    }

    /// Hummingbird names its request id `hb.request.id`; docs/CONTRACT.md's logs call it `request_id`.
    static func fieldName(_ key: String) -> String {
        switch key {
        case "hb.request.id": return "request_id"
        case "hb.request.method": return "method"
        case "hb.request.path": return "path"
        default: return key
        }
    }

    static func timestamp() -> String {
        Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    private static let stdoutLock = NSLock()

    public static let writeToStdout: @Sendable (String) -> Void = { line in
        stdoutLock.lock()
        defer { stdoutLock.unlock() }
        FileHandle.standardOutput.write(Data(line.utf8))
    }
}

extension String {
    /// Appends `value` as a JSON string literal, escaping what RFC 8259 requires.
    mutating func appendJSONString(_ value: String) {
        append("\"")
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": append("\\\"")
            case "\\": append("\\\\")
            case "\n": append("\\n")
            case "\r": append("\\r")
            case "\t": append("\\t")
            case _ where scalar.value < 0x20:
                append(String(format: "\\u%04x", scalar.value))
            default:
                unicodeScalars.append(scalar)
            }
        }
        append("\"")
    }
}
