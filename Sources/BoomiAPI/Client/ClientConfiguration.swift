import Foundation

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

  /// Checks the settings: HTTPS, or plain HTTP only to a loopback address; an account id that
  /// is safe as a URL path segment; a rate within Boomi's documented limit.
  public init(
    baseURL: String = defaultBaseURL, accountID: String, credentials: Credentials, requestsPerSecond: Double = 5,
    retry: RetryPolicy = .standard
  ) throws(ConfigurationError) {
    guard let components = URLComponents(string: baseURL), let scheme = components.scheme?.lowercased(),
      let host = components.host, !host.isEmpty
    else { throw ConfigurationError("BOOMI_API_URL '\(baseURL)' is not a URL") }
    switch scheme {
    case "https": break
    case "http" where Self.isLoopback(host): break
    case "http": throw ConfigurationError("plain http is allowed only for loopback addresses, not '\(host)'; use https")
    default: throw ConfigurationError("BOOMI_API_URL must be an https URL, not '\(baseURL)'")
    }
    guard !accountID.isEmpty,
      accountID.utf8.allSatisfy({ byte in
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
          || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
      })
    else { throw ConfigurationError("'\(accountID)' is not a Boomi account id") }
    guard requestsPerSecond > 0, requestsPerSecond <= Self.maximumRequestsPerSecond else {
      throw ConfigurationError(
        "the rate must be more than 0 and at most \(Int(Self.maximumRequestsPerSecond)) requests per second (Boomi's limit)"
      )
    }
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.accountID = accountID
    self.credentials = credentials
    self.requestsPerSecond = requestsPerSecond
    self.retry = retry
  }

  static func isLoopback(_ host: String) -> Bool {
    let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    return host == "localhost" || host == "::1" || host.hasPrefix("127.")
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
