import Foundation

/// The forms a credential could take in output, for tests that look for it where it must not be:
/// the secret, the Basic pair in base64 and base64url, and the secret percent-encoded, each also
/// in pieces of 12 characters of the secret (a server may echo a header cut short; the redactor
/// masks any such piece of 12 or more), ignoring case.
public struct SecretForms: Sendable {
  public let secret: String
  /// How long a piece of the secret must be to count as shown.
  public static let pieceLength = 12
  /// Every piece that would give part of the secret away.
  private let pieces: Set<String>

  public init(user: String, secret: String, pairPrefix: String = "BOOMI_TOKEN.") {
    self.secret = secret
    let lead = pairPrefix + user + ":"
    let pair = Data((lead + secret).utf8)
    let base64 = pair.base64EncodedString()
    let base64URL = base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    let percent = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret
    // The base64 characters before (lead / 3) * 4 come from the public user name alone.
    let publicBase64 = lead.utf8.count / 3 * 4
    var pieces: Set<String> = []
    func add(_ form: String, from start: Int = 0) {
      let characters = Array(form.lowercased())
      let length = min(Self.pieceLength, characters.count - start)
      for offset in start...(characters.count - length) {
        pieces.insert(String(characters[offset..<(offset + length)]))
      }
    }
    add(secret)
    add(percent)
    add(base64, from: publicBase64)
    add(base64URL, from: publicBase64)
    self.pieces = pieces
  }

  /// The pieces of the secret that `text` shows; empty when it shows none.
  public func leaks(in text: String) -> [String] {
    let lowered = Array(text.lowercased())
    var found: Set<String> = []
    for length in Set(pieces.map(\.count)) where lowered.count >= length {
      for offset in 0...(lowered.count - length) {
        let window = String(lowered[offset..<(offset + length)])
        if pieces.contains(window) { found.insert(window) }
      }
    }
    return found.sorted()
  }
}
