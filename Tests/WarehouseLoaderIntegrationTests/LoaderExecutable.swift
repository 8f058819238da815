import Foundation

/// The built `warehouse-loader` executable, for tests that must kill the real process.
enum LoaderExecutable {
    struct NotBuilt: Error, CustomStringConvertible {
        let searched: [String]
        var description: String { "warehouse-loader executable not found (build it first); looked in \(searched)" }
    }

    /// `WAREHOUSE_LOADER_EXECUTABLE`, else the build folder holding the test bundle.
    static func path() throws -> String {
        if let path = ProcessInfo.processInfo.environment["WAREHOUSE_LOADER_EXECUTABLE"] { return path }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var searched: [String] = []
        for _ in 0..<4 {
            for name in ["warehouse-loader", "WarehouseLoader"] {
                let candidate = folder.appendingPathComponent(name).path
                searched.append(candidate)
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
            folder = folder.deletingLastPathComponent()
        }
        throw NotBuilt(searched: searched)
    }
}
