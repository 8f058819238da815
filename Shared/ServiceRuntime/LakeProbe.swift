import Foundation

/// Readiness of a `file://` lake: the folder exists and this process can create files in it.
public enum LakeProbe {
    public static func checkWritable(directory: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DependencyFailure("lake folder \(directory) does not exist")
        }
        let probe = directory + "/.ready-probe-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else {
            throw DependencyFailure("cannot create files in lake folder \(directory)")
        }
        try? FileManager.default.removeItem(atPath: probe)
    }
}
