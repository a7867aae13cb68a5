import Foundation
import NIOConcurrencyHelpers

/// Where the emulator reads the time: release delays, the rate limit and the default "today"
/// are all computed from it, so tests can replace it with a ``ManualClock`` and never sleep.
public struct EmulatorClock: Sendable {
  public var now: @Sendable () -> Date

  public init(now: @escaping @Sendable () -> Date) {
    self.now = now
  }

  /// The system's clock.
  public static let system = EmulatorClock { Date() }
}

/// A clock that stands still until a test moves it.
public final class ManualClock: Sendable {
  private let current: NIOLockedValueBox<Date>

  public init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) {
    current = NIOLockedValueBox(start)
  }

  public var now: Date { current.withLockedValue { $0 } }

  /// Moves the clock forward by `duration`.
  public func advance(by duration: Duration) {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    current.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
  }

  /// An ``EmulatorClock`` reading this clock.
  public var clock: EmulatorClock {
    EmulatorClock { [current] in current.withLockedValue { $0 } }
  }
}
