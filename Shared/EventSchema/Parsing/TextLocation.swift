/// Line and column of a byte offset; computed only when an error is reported, never on the fast path.
struct TextLocation {
    let line: Int
    let column: Int

    init(of offset: Int, in bytes: UnsafeRawBufferPointer) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        self.line = line
        self.column = offset - lineStart + 1
    }
}
