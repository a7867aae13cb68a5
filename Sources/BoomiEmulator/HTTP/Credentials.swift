import Foundation

/// The credentials the emulator accepts, in Boomi's two HTTP Basic forms: the API token
/// (`BOOMI_TOKEN.<username>:<token>`) and, only when a password is configured, the password
/// (`<username>:<password>`).
struct Credentials: Sendable {
  let username: String
  let token: String
  let password: String?

  /// Which form of credential a request used.
  enum Form: String, Sendable {
    case token
    case password
  }

  /// The form used, when the `Authorization` header carries valid credentials; `nil` otherwise.
  func check(authorization header: String?) -> Form? {
    guard let header else { return nil }
    let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
    guard parts.count == 2, parts[0].lowercased() == "basic",
      let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
      let decoded = String(data: data, encoding: .utf8),
      let colon = decoded.firstIndex(of: ":")
    else { return nil }
    let user = String(decoded[..<colon])
    let secret = String(decoded[decoded.index(after: colon)...])
    if Self.same(user, "BOOMI_TOKEN." + username), Self.same(secret, token) { return .token }
    if let password, Self.same(user, username), Self.same(secret, password) { return .password }
    return nil
  }

  /// Compares without stopping at the first difference, so timing does not reveal a prefix.
  private static func same(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    var difference = x.count ^ y.count
    for index in 0..<max(x.count, y.count) {
      let left = index < x.count ? x[index] : 0
      let right = index < y.count ? y[index] : 0
      difference |= Int(left ^ right)
    }
    return difference == 0
  }
}
