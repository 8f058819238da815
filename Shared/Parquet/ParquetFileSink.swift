#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to a local file through a 1 MiB buffer. Creates or truncates the file.
public final class ParquetFileSink: ParquetSink {
    public let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private static let bufferSize = 1 << 20

    public init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw ParquetError(.io, "cannot create \(path): \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit { if fd >= 0 { _ = posixClose(fd) } }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if buffer.count + bytes.count > Self.bufferSize { try flushBuffer() }
        if bytes.count >= Self.bufferSize {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    public func close() throws {
        guard fd >= 0 else { return }
        try flushBuffer()
        let status = posixClose(fd)
        fd = -1
        guard status == 0 else { throw ParquetError(.io, "cannot close \(path): \(String(cString: strerror(errno)))") }
    }

    private func flushBuffer() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard fd >= 0 else { throw ParquetError(.io, "\(path) is already closed") }
        var offset = 0
        while offset < bytes.count {
            let n = posixWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw ParquetError(.io, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }
}

// At file scope the names resolve to the C functions, not to the sink's own methods.
private func posixClose(_ fd: Int32) -> Int32 { close(fd) }
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
