/// Elapsed time and sleeping, from an injected clock: the limiter and the retries never read the
/// system clock themselves, so tests run them on a clock that needs no real waiting.
public struct MonotonicTime: Sendable {
  private let elapsed: @Sendable () -> Duration
  private let sleeper: @Sendable (Duration) async throws -> Void

  public init<C: Clock>(_ clock: C) where C.Duration == Duration {
    let start = clock.now
    elapsed = { start.duration(to: clock.now) }
    sleeper = { try await clock.sleep(for: $0) }
  }

  public static let continuous = MonotonicTime(ContinuousClock())

  /// Time since this value was made.
  public func now() -> Duration { elapsed() }

  public func sleep(for duration: Duration) async throws {
    guard duration > .zero else { return }
    try await sleeper(duration)
  }
}
