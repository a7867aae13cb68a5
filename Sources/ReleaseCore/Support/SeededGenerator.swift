/// SplitMix64: a small, fast generator whose sequence is fixed by its seed. The emulator's
/// `--seed` makes its fault choices and generated ids repeat with it; tests and benchmarks make
/// reproducible cases and files with it.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) {
    state = seed
  }

  /// A generator seeded from the system's random source.
  public static func random() -> SeededGenerator {
    var system = SystemRandomNumberGenerator()
    return SeededGenerator(seed: system.next())
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in [0, 1).
  public mutating func nextFraction() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A lowercase random UUID (version 4) from this generator.
  public mutating func nextUUID() -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(16)
    for _ in 0..<2 {
      let word = next()
      for shift in stride(from: 56, through: 0, by: -8) {
        bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
      }
    }
    bytes[6] = (bytes[6] & 0x0F) | 0x40
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    let hex = bytes.map { byte in
      let digits = String(byte, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }
    return hex[0..<4].joined() + "-" + hex[4..<6].joined() + "-" + hex[6..<8].joined() + "-" + hex[8..<10].joined()
      + "-" + hex[10..<16].joined()
  }

  /// Random bytes from this generator.
  public mutating func nextBytes(_ count: Int) -> [UInt8] {
    (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
  }
}
