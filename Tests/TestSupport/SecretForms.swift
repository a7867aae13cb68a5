import Foundation

/// The forms a credential could take in output, for tests that look for it where it must not be:
/// the secret, the Basic pair in base64 and base64url, and the secret percent-encoded, each also
/// in pieces (a server may echo a header cut short), ignoring case.
public struct SecretForms: Sendable {
  public let secret: String
  /// Every 8-character piece that would give part of the secret away.
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
      guard characters.count >= 8 else {
        pieces.insert(String(characters))
        return
      }
      for offset in max(0, start - 7)...(characters.count - 8) {
        pieces.insert(String(characters[offset..<(offset + 8)]))
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
    guard lowered.count >= 8 else { return [] }
    var found: Set<String> = []
    for offset in 0...(lowered.count - 8) {
      let window = String(lowered[offset..<(offset + 8)])
      if pieces.contains(window) { found.insert(window) }
    }
    return found.sorted()
  }
}
