/// Paces every call of a run: one token bucket for all of them, at most `rate` requests per
/// second and no bursts, so the tool never trips Boomi's per-account limit by itself.
///
/// Each caller reserves the next free slot at once and then waits for it outside the actor, so
/// callers queue in arrival order and never wait for each other's sleeps.
public actor RateLimiter {
  private let interval: Duration
  private let time: MonotonicTime
  private var nextFree: Duration = .zero

  /// At most `requestsPerSecond` (more than 0; anything else, or a rate slower than one request
  /// a day, is taken as one a day rather than trapping on an interval that does not fit).
  public init(requestsPerSecond: Double, time: MonotonicTime = .continuous) {
    let slowest = 1.0 / 86_400
    let rate = requestsPerSecond.isFinite && requestsPerSecond > slowest ? requestsPerSecond : slowest
    self.interval = .nanoseconds(Int64((1_000_000_000 / rate).rounded(.up)))
    self.time = time
  }

  private init(interval: Duration) {
    self.interval = interval
    self.time = .continuous
  }

  /// No pacing at all: for measuring the client itself against a local server, never for Boomi.
  public static func unlimited() -> RateLimiter { RateLimiter(interval: .zero) }

  /// Waits until the caller may send one request.
  public func acquire() async throws {
    guard interval > .zero else { return }
    let now = time.now()
    let slot = max(now, nextFree)
    nextFree = slot + interval
    try await time.sleep(for: slot - now)
  }
}
