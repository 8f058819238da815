import Foundation

/// Typed access to a service's environment variables (12-factor configuration).
///
/// Every accessor either returns a valid value or throws a `ConfigurationError` naming the
/// variable, so a service refuses to start on bad configuration instead of misbehaving later.
/// URL values are echoed through `RedactedURL`: the error is printed, the password must not be.
public struct ServiceEnvironment: Sendable {
    public let values: [String: String]

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    /// The value, or nil when unset or empty.
    public func optional(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    public func string(_ name: String, default defaultValue: String) -> String {
        optional(name) ?? defaultValue
    }

    public func required(_ name: String, expected: String) throws -> String {
        guard let value = optional(name) else {
            throw ConfigurationError(variable: name, value: nil, expected: expected)
        }
        return value
    }

    public func int(_ name: String, default defaultValue: Int, range: ClosedRange<Int> = Int.min...Int.max) throws -> Int {
        guard let raw = optional(name) else { return defaultValue }
        guard let value = Int(raw), range.contains(value) else {
            throw ConfigurationError(variable: name, value: raw, expected: "an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    public func double(_ name: String, default defaultValue: Double, range: ClosedRange<Double>) throws -> Double {
        guard let raw = optional(name) else { return defaultValue }
        guard let value = Double(raw), range.contains(value) else {
            throw ConfigurationError(variable: name, value: raw, expected: "a number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    public func bool(_ name: String, default defaultValue: Bool) throws -> Bool {
        guard let raw = optional(name) else { return defaultValue }
        switch raw.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError(variable: name, value: raw, expected: "true or false")
        }
    }

    /// The TCP port to listen on: `PORT`, or the service's default from docs/CONTRACT.md.
    public func port(default defaultPort: Int) throws -> Int {
        try int("PORT", default: defaultPort, range: 1...65535)
    }

    /// An http(s) URL such as `INGEST_URL`.
    public func httpURL(_ name: String, default defaultValue: String? = nil) throws -> String {
        guard let raw = optional(name) ?? defaultValue else {
            throw ConfigurationError(variable: name, value: nil, expected: "an http:// or https:// URL")
        }
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw ConfigurationError(variable: name, value: RedactedURL.redact(raw), expected: "an http:// or https:// URL")
        }
        return raw.hasSuffix("/") ? String(raw.dropLast()) : raw
    }

    /// A bearer token (`INGEST_TOKEN`, `ADMIN_TOKEN`); unset means the endpoints are open.
    public func token(_ name: String) throws -> String? {
        guard let value = optional(name) else { return nil }
        guard value.count >= 8 else {
            throw ConfigurationError(variable: name, value: "<\(value.count) characters>", expected: "a token of at least 8 characters")
        }
        return value
    }

    /// A value of a type defined outside this library (`LakeURI`), made by `parse`, which answers
    /// nil for a value it cannot take. `expected` is what the error says should have been set.
    public func parsed<Value>(
        _ name: String, default defaultValue: String? = nil, expected: String, _ parse: (String) -> Value?
    ) throws -> Value {
        let raw = try optional(name) ?? defaultValue ?? required(name, expected: expected)
        guard let value = parse(raw) else {
            throw ConfigurationError(variable: name, value: RedactedURL.redact(raw), expected: expected)
        }
        return value
    }
}

extension ServiceEnvironment {
    /// `KAFKA_BROKERS`: a comma-separated `host:port` list.
    public func kafkaBrokers() throws -> String {
        let raw = try required("KAFKA_BROKERS", expected: "a comma-separated host:port list, e.g. 127.0.0.1:9092")
        let valid = raw.split(separator: ",").allSatisfy { entry in
            let parts = entry.trimmingCharacters(in: .whitespaces).split(separator: ":")
            return parts.count == 2 && !parts[0].isEmpty && UInt16(parts[1]) != nil
        }
        guard valid else {
            throw ConfigurationError(variable: "KAFKA_BROKERS", value: raw, expected: "a comma-separated host:port list, e.g. 127.0.0.1:9092")
        }
        return raw
    }

    /// `POSTGRES_URL`: a libpq URI (`postgresql://...`) or key=value conninfo.
    public func postgresURL() throws -> String {
        let raw = try required("POSTGRES_URL", expected: "a libpq URI such as postgresql://user@host:5432/spotify_data")
        guard raw.hasPrefix("postgresql://") || raw.hasPrefix("postgres://") || raw.contains("=") else {
            throw ConfigurationError(variable: "POSTGRES_URL", value: RedactedURL.redact(raw), expected: "a libpq URI such as postgresql://user@host:5432/spotify_data")
        }
        return raw
    }

    /// `REDIS_URL`: `redis://host:port/db`.
    public func redisURL() throws -> String {
        let raw = try required("REDIS_URL", expected: "a URL such as redis://127.0.0.1:6379/0")
        guard raw.hasPrefix("redis://"), URL(string: raw)?.host != nil else {
            throw ConfigurationError(variable: "REDIS_URL", value: RedactedURL.redact(raw), expected: "a URL such as redis://127.0.0.1:6379/0")
        }
        return raw
    }
}
