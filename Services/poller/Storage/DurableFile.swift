import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes that survive a crash or power loss whole or not at all: a temporary file in the same
/// folder (created with the final mode, so a secret is never readable by others even briefly),
/// fsync, rename over the target, fsync of the folder.
enum DurableFile {
    struct WriteFailed: Error, CustomStringConvertible {
        let path: String
        let step: String
        let code: Int32
        var description: String { "cannot write \(path): \(step) failed (\(String(cString: strerror(code))))" }
    }

    static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw WriteFailed(path: path, step: "open", code: errno) }
        var closed = false
        defer {
            if !closed { close(fd) }
        }
        // The umask may have narrowed the mode at creation; fchmod makes it exactly `mode`.
        guard fchmod(fd, mode) == 0 else { throw failure(path, "fchmod", removing: temporary) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure(path, "write", removing: temporary)
            }
            written += result
        }
        guard fsync(fd) == 0 else { throw failure(path, "fsync", removing: temporary) }
        closed = true
        guard close(fd) == 0 else { throw failure(path, "close", removing: temporary) }
        guard rename(temporary, path) == 0 else { throw failure(path, "rename", removing: temporary) }
        syncFolder(folder.isEmpty ? "." : folder)
    }

    static func read(_ path: String) throws -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Makes a rename or unlink in `folder` durable.
    static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private static func failure(_ path: String, _ step: String, removing temporary: String) -> WriteFailed {
        let code = errno
        unlink(temporary)
        return WriteFailed(path: path, step: step, code: code)
    }
}
