import Synchronization

/// A one-way switch a run turns on to stop its remaining calls: a client given one checks it
/// after waiting for its turn at the rate limiter, just before each attempt goes out, and throws
/// ``PlatformError/cancelled`` instead of sending. A call already on the wire is never
/// interrupted: that would turn a known outcome into an unknown one.
public final class StopSignal: Sendable {
  private let stopped = Atomic(false)

  public init() {}

  public func stop() {
    stopped.store(true, ordering: .sequentiallyConsistent)
  }

  public var isStopped: Bool {
    stopped.load(ordering: .sequentiallyConsistent)
  }
}
