/// The bytes of a file the user wrote, kept so that diagnostics can quote the offending line.
public struct SourceText: Sendable {
  public let path: String
  public let bytes: [UInt8]

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }

  /// Where each line starts, for quoting many lines of a file: one pass over the bytes.
  public func lineIndex() -> LineIndex {
    LineIndex(bytes)
  }

  /// The text of 1-based line `number`, without its line break; `nil` past the end. Scans from
  /// the start: for many lines, use ``lineIndex()``.
  public func line(_ number: Int) -> String? {
    guard number >= 1 else { return nil }
    var current = 1
    var start = 0
    var index = 0
    let count = bytes.count
    while index < count, current < number {
      let byte = bytes[index]
      index += 1
      if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
        if byte == UInt8(ascii: "\r"), index < count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
        current += 1
        start = index
      }
    }
    guard current == number, start <= count else { return nil }
    var end = start
    while end < count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// The line and character column of a byte offset (used for errors reported as offsets).
  public static func mark(ofByteOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceMark {
    var line = 1
    var column = 1
    var index = 0
    let end = min(offset, bytes.count)
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte == UInt8(ascii: "\r") {
        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
      index += 1
    }
    return SourceMark(line: line, column: column)
  }
}

/// The line starts of a file (after `\n`, `\r\n` or a lone `\r`, as libyaml counts lines), so
/// that quoting any line costs the length of that line, not of the file before it.
public struct LineIndex: Sendable {
  private let bytes: [UInt8]
  private let starts: [Int]

  init(_ bytes: [UInt8]) {
    var starts = [0]
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      index += 1
      if byte == UInt8(ascii: "\n") {
        starts.append(index)
      } else if byte == UInt8(ascii: "\r") {
        if index < count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
        starts.append(index)
      }
    }
    self.bytes = bytes
    self.starts = starts
  }

  /// The text of 1-based line `number`, without its line break; `nil` past the end.
  public func line(_ number: Int) -> String? {
    guard number >= 1, number <= starts.count else { return nil }
    let start = starts[number - 1]
    var end = start
    while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}
