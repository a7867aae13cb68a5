import Foundation

/// When and how long to wait before trying a request again.
///
/// What may be retried is decided by the client from the failure's kind (see `PlatformClient`);
/// this says only how often and how long to wait: exponential backoff with jitter, or the
/// server's `Retry-After` when it gives one.
public struct RetryPolicy: Sendable {
  /// Attempts in all, the first included.
  public var maximumAttempts: Int
  public var initialDelay: Duration
  public var maximumDelay: Duration
  /// The longest `Retry-After` honoured; a longer one is cut to this.
  public var maximumRetryAfter: Duration
  /// Picks the actual wait from the backoff's upper bound (default: uniformly in its upper half).
  public var jitter: @Sendable (Duration) -> Duration

  public init(
    maximumAttempts: Int = 6, initialDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(20),
    maximumRetryAfter: Duration = .seconds(120),
    jitter: @escaping @Sendable (Duration) -> Duration = RetryPolicy.halfJitter
  ) {
    self.maximumAttempts = maximumAttempts
    self.initialDelay = initialDelay
    self.maximumDelay = maximumDelay
    self.maximumRetryAfter = maximumRetryAfter
    self.jitter = jitter
  }

  public static let standard = RetryPolicy()

  /// The wait before attempt `attempt + 1`, after `attempt` failed attempts.
  public func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration {
    if let retryAfter { return min(retryAfter, maximumRetryAfter) }
    var bound = initialDelay
    for _ in 1..<max(1, attempt) {
      bound = min(bound * 2, maximumDelay)
    }
    return jitter(min(bound, maximumDelay))
  }

  @Sendable public static func halfJitter(_ bound: Duration) -> Duration {
    let milliseconds = max(1, Int((bound / .milliseconds(1)).rounded()))
    return .milliseconds(Int.random(in: (milliseconds / 2)...milliseconds))
  }

  /// `Retry-After` as seconds (`120`) or an HTTP date; `nil` when absent or unreadable.
  static func parseRetryAfter(_ value: String?, now: () -> Double = { Double(time(nil)) }) -> Duration? {
    guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
    if let seconds = Int(value), seconds >= 0 { return .seconds(seconds) }
    guard let date = HTTPDate.parse(value) else { return nil }
    return .seconds(max(0, Int(date - now())))
  }
}

/// IMF-fixdate, the form `Retry-After` dates take: `Sun, 06 Nov 1994 08:49:37 GMT`.
enum HTTPDate {
  static func parse(_ text: String) -> Double? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    return formatter.date(from: text)?.timeIntervalSince1970
  }
}
