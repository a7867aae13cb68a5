/// Validates UTF-8 ahead of parsing, to point at the exact offending byte.
enum UTF8Validation {
  /// The byte offset of the first byte that does not start a well-formed UTF-8 sequence
  /// (overlong forms, surrogates and values above U+10FFFF included), or `nil`.
  static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var index = 0
    let count = bytes.count
    while index < count {
      // Fast path: eight ASCII bytes at a time.
      if index + 8 <= count,
        UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[index..<index + 8]).loadUnaligned(
          as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        index += 8
        continue
      }
      let lead = bytes[index]
      let length: Int
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch lead {
      case 0x00...0x7F:
        index += 1
        continue
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        lower = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        upper = 0x9F
      case 0xF0:
        length = 4
        lower = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        upper = 0x8F
      default:
        return index
      }
      guard index + length <= count else { return index }
      guard (lower...upper).contains(bytes[index + 1]) else { return index }
      for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 {
        return index
      }
      index += length
    }
    return nil
  }

  /// Whether the bytes start with a UTF-16 byte order mark: a common reason for invalid UTF-8.
  static func looksLikeUTF16(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
  }
}
