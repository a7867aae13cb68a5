import Crypto

/// Digests of bytes, as lowercase hex.
public enum Digest {
  /// SHA-256: of a manifest a plan pins, of the body a call sends.
  public static func sha256(_ bytes: [UInt8]) -> String {
    let hex = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in SHA256.hash(data: bytes) {
      out.append(hex[Int(byte >> 4)])
      out.append(hex[Int(byte & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
