import Foundation

/// A lake in a local folder (`file:///abs/path`): the native stack's durable default.
public struct LocalLakeStorage: LakeStorage {
    public let root: String

    public init(root: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    public func put(key: String, bytes: [UInt8]) async throws {
        let path = try self.path(for: key, operation: "put")
        try await Self.offload {
            let directory = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            // Temporary name + fsync + rename: readers see the whole file or none of it.
            let temporary = directory + "/.tmp-\(UUID().uuidString)-" + (path as NSString).lastPathComponent
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw Self.error(.transient, "put", key, errno) }
            var written = 0
            let status: Int32 = bytes.withUnsafeBytes { buffer in
                while written < buffer.count {
                    let result = write(fd, buffer.baseAddress! + written, buffer.count - written)
                    if result < 0 { if errno == EINTR { continue }; return errno }
                    written += result
                }
                return fsync(fd) == 0 ? 0 : errno
            }
            close(fd)
            guard status == 0 else {
                unlink(temporary)
                throw Self.error(.transient, "put", key, status)
            }
            guard rename(temporary, path) == 0 else {
                let code = errno
                unlink(temporary)
                throw Self.error(.transient, "put", key, code)
            }
            // The rename itself is durable only once the directory entry is synced.
            let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if directoryFD >= 0 {
                fsync(directoryFD)
                close(directoryFD)
            }
        }
    }

    public func get(key: String) async throws -> [UInt8] {
        let path = try self.path(for: key, operation: "get")
        return try await Self.offload {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw LakeError(FileManager.default.fileExists(atPath: path) ? .transient : .notFound, operation: "get", key: key, reason: "cannot read \(path)")
            }
            return [UInt8](data)
        }
    }

    public func delete(key: String) async throws {
        let path = try self.path(for: key, operation: "delete")
        try await Self.offload {
            guard unlink(path) == 0 || errno == ENOENT else { throw Self.error(.transient, "delete", key, errno) }
            let directoryFD = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if directoryFD >= 0 {
                fsync(directoryFD)
                close(directoryFD)
            }
        }
    }

    public func list(prefix: String) async throws -> [LakeObject] {
        let root = self.root
        // Walk only the folder the prefix names (compaction lists one hour's folder at a time).
        let folder = prefix.contains("/") ? String(prefix[..<prefix.lastIndex(of: "/")!]) : ""
        return try await Self.offload {
            var objects: [LakeObject] = []
            let start = folder.isEmpty ? root : root + "/" + folder
            guard let enumerator = FileManager.default.enumerator(atPath: start) else { return [] }
            while let inner = enumerator.nextObject() as? String {
                let relative = folder.isEmpty ? inner : folder + "/" + inner
                let name = (relative as NSString).lastPathComponent
                guard relative.hasPrefix(prefix), !name.hasPrefix(".") else { continue }
                let attributes = try FileManager.default.attributesOfItem(atPath: root + "/" + relative)
                guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                let modified = attributes[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0)
                objects.append(LakeObject(key: relative, size: size, fingerprint: "\(size)-\(Int64(modified.timeIntervalSince1970 * 1_000_000))", lastModified: modified))
            }
            return objects.sorted { $0.key < $1.key }
        }
    }

    public func checkReachable() async throws {
        let root = self.root
        try await Self.offload {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw LakeError(.permanent, operation: "check", key: "", reason: "lake folder \(root) does not exist")
            }
            guard access(root, W_OK) == 0 else {
                throw LakeError(.permanent, operation: "check", key: "", reason: "lake folder \(root) is not writable")
            }
        }
    }

    private func path(for key: String, operation: String) throws -> String {
        guard !key.isEmpty, !key.hasPrefix("/"), !key.split(separator: "/").contains("..") else {
            throw LakeError(.permanent, operation: operation, key: key, reason: "invalid key")
        }
        return root + "/" + key
    }

    private static func error(_ kind: LakeError.Kind, _ operation: String, _ key: String, _ code: Int32) -> LakeError {
        LakeError(kind, operation: operation, key: key, reason: String(cString: strerror(code)))
    }

    /// File I/O blocks: keep it off Swift's cooperative threads.
    private static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
