/// Stable UUID-shaped ids derived from text, so catalogs built in code (the demo catalog, a
/// catalog made from a manifest) give the same packaged version the same `packageId` every run.
enum DerivedID {
  /// A lowercase UUID (version 5 and RFC 4122 variant bits set) derived from `text` by two
  /// 64-bit FNV-1a hashes. Not cryptographic; only stable and well spread.
  static func uuid(from text: String) -> String {
    var high: UInt64 = 0xcbf2_9ce4_8422_2325
    var low: UInt64 = 0x84222325_cbf29ce4
    for byte in text.utf8 {
      high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
      low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
      low = (low << 7) | (low >> 57)
    }
    high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_5000
    low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
    let hex = hex16(high) + hex16(low)
    let characters = Array(hex)
    func part(_ range: Range<Int>) -> String { String(characters[range]) }
    return "\(part(0..<8))-\(part(8..<12))-\(part(12..<16))-\(part(16..<20))-\(part(20..<32))"
  }

  private static func hex16(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
