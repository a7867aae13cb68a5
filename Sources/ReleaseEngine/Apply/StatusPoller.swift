import BoomiAPI
import ReleaseCore

/// Polls the status of releases until each has settled, or a bound passes (`--wait`).
///
/// Settled means `SUCCESS`, `ERROR` or `SCHEDULED`: a scheduled release will not move before its
/// date, so there is nothing to wait for. Every status read is recorded in the lockfile.
public struct StatusPoller: Sendable {
  public var client: PlatformClient
  public var store: LockfileStore
  public var time: MonotonicTime
  public var timeout: Duration
  public var firstInterval: Duration
  public var maximumInterval: Duration

  public init(
    client: PlatformClient, store: LockfileStore, time: MonotonicTime = .continuous, timeout: Duration = .seconds(600),
    firstInterval: Duration = .seconds(1), maximumInterval: Duration = .seconds(15)
  ) {
    self.client = client
    self.store = store
    self.time = time
    self.timeout = timeout
    self.firstInterval = firstInterval
    self.maximumInterval = maximumInterval
  }

  public struct Outcome: Sendable, Equatable {
    /// The last status read for each request.
    public var statuses: [String: ReleaseStatus]
    /// Requests still unsettled when the bound passed.
    public var unsettled: [String]
    /// Requests whose status could not be read, and why.
    public var unread: [String: String]
  }

  public static func isSettled(_ status: ReleaseStatus) -> Bool {
    status == .success || status == .error || status == .scheduled
  }

  public func wait(for requestIds: [String]) async throws -> Outcome {
    var remaining = Array(Set(requestIds.filter { !RecordedRelease.isUnrecorded($0) })).sorted()
    var outcome = Outcome(statuses: [:], unsettled: [], unread: [:])
    let start = time.now()
    var interval = firstInterval
    while !remaining.isEmpty {
      let results = try await client.releaseStatuses(requestIds: remaining)
      var next: [String] = []
      for id in remaining {
        switch results[id] {
        case .found(let status)?:
          guard let value = status.releaseStatus.flatMap(ReleaseStatus.init(rawValue:)) else {
            next.append(id)
            continue
          }
          outcome.statuses[id] = value
          outcome.unread[id] = nil
          try await store.recordStatus(value, requestId: id)
          if !Self.isSettled(value) { next.append(id) }
        case .failed(_, let message)?:
          outcome.unread[id] = message
          next.append(id)
        case nil:
          next.append(id)
        }
      }
      remaining = next
      guard !remaining.isEmpty, time.now() - start + interval <= timeout else { break }
      try await time.sleep(for: interval)
      interval = min(interval * 2, maximumInterval)
    }
    outcome.unsettled = remaining
    return outcome
  }
}
