import Foundation

/// One of the package's executables, as `swift build` left it next to the test bundle.
public enum BuiltExecutable {
    public struct NotBuilt: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "\(name) is not built next to the tests: run `swift build` first" }
    }

    /// The build folder holding the test runner (or its parents), then `.build/debug` of the
    /// package root `swift test` runs from, then the main bundle's folder.
    public static func path(_ name: String) throws -> String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        for candidate in [FileManager.default.currentDirectoryPath + "/.build/debug/" + name, Bundle.main.bundleURL.appendingPathComponent(name).path]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw NotBuilt(name: name)
    }
}
