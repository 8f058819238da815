/// Why a dependency is not ready, in one sentence (shown by `/ready`).
public struct DependencyFailure: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
