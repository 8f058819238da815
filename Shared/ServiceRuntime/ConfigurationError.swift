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
