import Foundation

/// Checks of identifier shapes, written out by hand: they run for every id of a large manifest.
enum TextChecks {
  /// A UUID (`8-4-4-4-12` hexadecimal digits, either case) as its 128-bit value and its
  /// lowercase text; `nil` when `text` is not one. The value makes duplicate checks cheap.
  static func uuid(_ text: String) -> (value: UInt128, lowercased: String)? {
    var text = text
    guard let (value, hasUppercase) = text.withUTF8(parseUUID) else { return nil }
    return (value, hasUppercase ? text.lowercased() : text)
  }

  private static func parseUUID(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt128, Bool)? {
    guard bytes.count == 36 else { return nil }
    var high: UInt64 = 0
    var low: UInt64 = 0
    var digits = 0
    var hasUppercase = false
    for index in 0..<36 {
      let byte = bytes[index]
      if index == 8 || index == 13 || index == 18 || index == 23 {
        guard byte == UInt8(ascii: "-") else { return nil }
        continue
      }
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"):
        digit = byte &- UInt8(ascii: "A") &+ 10
        hasUppercase = true
      default: return nil
      }
      if digits < 16 { high = high << 4 | UInt64(digit) } else { low = low << 4 | UInt64(digit) }
      digits += 1
    }
    return (UInt128(high) << 64 | UInt128(low), hasUppercase)
  }

  /// A Boomi account id: a letter or digit, then letters, digits, `.`, `_` and `-`. It becomes a
  /// URL path segment, so nothing else is allowed.
  static func isAccountID(_ text: String) -> Bool {
    guard let first = text.utf8.first, isAlphanumeric(first) else { return false }
    return text.utf8.allSatisfy {
      isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
    }
  }

  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "A")...UInt8(ascii: "Z"):
      true
    default: false
    }
  }
}
