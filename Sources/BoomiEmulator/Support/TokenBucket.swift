import Foundation

/// A token bucket: holds up to `capacity` tokens, refilled continuously at `rate` per second;
/// each admitted request takes one. Time is passed in, so tests drive it with a manual clock.
struct TokenBucket: Sendable {
  private(set) var rate: Double
  private(set) var capacity: Double
  private(set) var tokens: Double
  private var last: Date

  /// A full bucket admitting `rate` requests per second with bursts of up to `rate` (at least 1).
  init(rate: Double, now: Date) {
    self.rate = rate
    self.capacity = max(1, rate)
    self.tokens = max(1, rate)
    self.last = now
  }

  /// Takes a token if one is available at `now`.
  mutating func take(now: Date) -> Bool {
    let elapsed = max(0, now.timeIntervalSince(last))
    tokens = min(capacity, tokens + elapsed * rate)
    last = max(last, now)
    guard tokens >= 1 else { return false }
    tokens -= 1
    return true
  }
}
