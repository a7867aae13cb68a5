import BoomiAPI
import FileSystem
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

  /// Reads the statuses at least once, then again until all have settled or `timeout` would
  /// pass. Every status read is recorded in the store.
  public func wait(for requestIds: [String]) async throws(EngineError) -> Outcome {
    let reader = StatusReader(client: client)
    var remaining = Array(Set(requestIds.filter { !RecordedRelease.isUnrecorded($0) })).sorted()
    var outcome = Outcome(statuses: [:], unsettled: [], unread: [:])
    let start = time.now()
    var interval = firstInterval
    while !remaining.isEmpty {
      let reading: StatusReader.Reading
      do {
        reading = try await reader.read(remaining)
      } catch {
        throw .boomi(doing: "read the releases' status", error)
      }
      for (id, status) in reading.statuses {
        outcome.statuses[id] = status
        outcome.unread[id] = nil
      }
      do throws(FileError) {
        try await store.recordStatuses(reading.statuses)
      } catch {
        throw .lockfile(error)
      }
      outcome.unread.merge(reading.unread) { _, new in new }
      remaining = remaining.filter { id in outcome.statuses[id].map { !Self.isSettled($0) } ?? true }
      guard !remaining.isEmpty, time.now() - start + interval <= timeout else { break }
      do {
        try await time.sleep(for: interval)
      } catch {
        break
      }
      interval = min(interval * 2, maximumInterval)
    }
    outcome.unsettled = remaining
    return outcome
  }
}
