/// A bad or missing environment variable. Its description is the one line a service prints
/// before exiting with status 2, naming the variable, the value and what was expected.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public let variable: String
    public let value: String?
    public let expected: String

    public init(variable: String, value: String?, expected: String) {
        self.variable = variable
        self.value = value
        self.expected = expected
    }

    public var description: String {
        if let value {
            return "invalid configuration: \(variable)=\"\(value)\" — expected \(expected)"
        }
        return "missing configuration: \(variable) must be set to \(expected)"
    }
}

extension ConfigurationError {
    /// `body`'s result, or what it threw as a bad value of `variable`: settings that only a
    /// library can judge (the S3 settings behind `LAKE_URI`) still stop a service at start with
    /// status 2 and one line. `value` is printed: pass it redacted.
    public static func judged<Value>(variable: String, value: String, _ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(variable: variable, value: value, expected: "\(error)")
        }
    }
}
