import Foundation
import SafeText

/// Where and as whom the client calls Boomi, and how fast.
public struct ClientConfiguration: Sendable {
  public static let defaultBaseURL = "https://api.boomi.com/api/rest/v1"

  /// The base URL without the account id, e.g. `https://api.boomi.com/api/rest/v1`.
  public var baseURL: String
  public var accountID: String
  public var credentials: Credentials
  /// Requests per second for all calls of a run together (SPEC: default 5, at most 10).
  public var requestsPerSecond: Double
  public var retry: RetryPolicy

  public static let maximumRequestsPerSecond = 10.0
  /// One request every 100 seconds: anything slower is a mistake, not a budget.
  public static let minimumRequestsPerSecond = 0.01

  /// Checks the settings: HTTPS, or plain HTTP only to a loopback address; an account id that
  /// is safe as a URL path segment; a rate within Boomi's documented limit.
  public init(
    baseURL: String = defaultBaseURL, accountID: String, credentials: Credentials, requestsPerSecond: Double = 5,
    retry: RetryPolicy = .standard
  ) throws(ConfigurationError) {
    let shown = URLText.hidingUserInfo(baseURL)
    guard let components = URLComponents(string: baseURL), let scheme = components.scheme?.lowercased(),
      let host = components.host, !host.isEmpty
    else { throw ConfigurationError("BOOMI_API_URL '\(shown)' is not a URL") }
    guard components.user == nil, components.password == nil else {
      throw ConfigurationError(
        "BOOMI_API_URL '\(shown)' carries a user name or password; remove it and set BOOMI_USERNAME and "
          + "BOOMI_API_TOKEN (or BOOMI_PASSWORD) instead")
    }
    switch scheme {
    case "https": break
    case "http" where Self.isLoopback(host): break
    case "http":
      throw ConfigurationError(
        "plain http is allowed only for loopback addresses (127.0.0.0/8, ::1, localhost), not '\(host)'; use https")
    default: throw ConfigurationError("BOOMI_API_URL must be an https URL, not '\(shown)'")
    }
    guard !accountID.isEmpty,
      accountID.utf8.allSatisfy({ byte in
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
          || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
      })
    else { throw ConfigurationError("'\(accountID)' is not a Boomi account id") }
    guard Self.minimumRequestsPerSecond <= requestsPerSecond, requestsPerSecond <= Self.maximumRequestsPerSecond
    else {
      throw ConfigurationError(
        "the rate must be from \(Self.minimumRequestsPerSecond) to \(Int(Self.maximumRequestsPerSecond)) requests per "
          + "second (Boomi's limit)")
    }
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.accountID = accountID
    self.credentials = credentials
    self.requestsPerSecond = requestsPerSecond
    self.retry = retry
  }

  /// Whether `host` is a loopback address, judged from the parsed address, never from how the
  /// name starts (`127.evil.example` is a name like any other): an IPv4 address in 127.0.0.0/8
  /// in its full dotted form, `::1` or an IPv4-mapped loopback address, or the name `localhost`,
  /// which RFC 6761 reserves for loopback.
  static func isLoopback(_ host: String) -> Bool {
    var host = host.lowercased()
    if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    if host == "localhost" || host == "localhost." { return true }
    var ipv4 = in_addr()
    if inet_pton(AF_INET, host, &ipv4) == 1 {
      return UInt32(bigEndian: ipv4.s_addr) >> 24 == 127
    }
    var ipv6 = in6_addr()
    guard inet_pton(AF_INET6, host, &ipv6) == 1 else { return false }
    let bytes = withUnsafeBytes(of: ipv6) { Array($0) }
    let isMapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
    return bytes == Array(repeating: 0, count: 15) + [1] || (isMapped && bytes[12] == 127)
  }

  /// `{base}/{account}/{path}`, each extra segment percent-encoded.
  func url(_ segments: String...) -> String {
    ([baseURL, accountID] + segments.map(Self.encodeSegment)).joined(separator: "/")
  }

  private static let segmentCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

  static func encodeSegment(_ segment: String) -> String {
    segment.addingPercentEncoding(withAllowedCharacters: segmentCharacters) ?? segment
  }
}

/// URLs as they may be shown.
public enum URLText {
  /// `url` with any user information (`user:password@`) replaced by `****@`, for messages.
  public static func hidingUserInfo(_ url: String) -> String {
    guard let schemeEnd = url.range(of: "://") else { return url }
    let rest = url[schemeEnd.upperBound...]
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
    guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
    return String(url[..<schemeEnd.upperBound]) + Redactor.mask + String(rest[at...])
  }

  /// The credential in `url`'s user information, for a ``Redactor``: the password with its user,
  /// or the user alone when there is no password (a token given as the user name).
  public static func userInfoCredential(_ url: String) -> Redactor.Credential? {
    guard let components = URLComponents(string: url) else { return nil }
    switch (components.user, components.password) {
    case (let user?, let password?) where !password.isEmpty: return .init(user: user, secret: password)
    case (let user?, _) where !user.isEmpty: return .init(user: nil, secret: user)
    default: return nil
    }
  }
}
