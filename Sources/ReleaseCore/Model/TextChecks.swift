import Foundation

/// Checks of identifier shapes, written out by hand: they run for every id of a large manifest.
enum TextChecks {
  /// `8-4-4-4-12` hexadecimal digits, either case.
  static func isUUID(_ text: String) -> Bool {
    let utf8 = text.utf8
    return utf8.withContiguousStorageIfAvailable(isUUID) ?? isUUID(Array(utf8))
  }

  private static func isUUID<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
    guard bytes.count == 36 else { return false }
    for (offset, byte) in bytes.enumerated() {
      switch offset {
      case 8, 13, 18, 23:
        guard byte == UInt8(ascii: "-") else { return false }
      default:
        guard isHexDigit(byte) else { return false }
      }
    }
    return true
  }

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
      UInt8(ascii: "A")...UInt8(ascii: "F"):
      true
    default: false
    }
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

/// IANA time zones, as the system's time zone database knows them.
public enum TimeZones {
  /// The zone with exactly this IANA name; `nil` for unknown names and for abbreviations
  /// such as `EST`, which are ambiguous.
  public static func named(_ name: String) -> TimeZone? {
    guard name == "UTC" || identifierSet.contains(name) else { return nil }
    return TimeZone(identifier: name)
  }

  public static let identifiers: [String] = TimeZone.knownTimeZoneIdentifiers
  private static let identifierSet = Set(identifiers)
}
