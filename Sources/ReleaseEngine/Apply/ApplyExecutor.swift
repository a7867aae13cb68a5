import BoomiAPI
import FileSystem
import Foundation
import ReleaseCore

/// Runs a plan's CREATE and UPDATE calls so that no release is lost or sent twice (SPEC §6).
///
/// For each call: record an intent and persist it; send; on success replace the intent with the
/// release and persist. A refusal (4xx) or a call that never got through removes the intent; an
/// unknown outcome leaves it in place, for `recover`. Packs run concurrently, bounded, under the
/// client's shared rate limiter; the lockfile has a single writer.
public struct ApplyExecutor: Sendable {
  public var client: PlatformClient
  public var store: LockfileStore
  public var concurrency: Int
  /// The current time, for `appliedAt` and intents.
  public var now: @Sendable () -> Date
  public var makeIntentID: @Sendable () -> String
  public var progress: @Sendable (Progress) -> Void

  public init(
    client: PlatformClient, store: LockfileStore, concurrency: Int = 4, now: @escaping @Sendable () -> Date = Date.init,
    makeIntentID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
    progress: @escaping @Sendable (Progress) -> Void = { _ in }
  ) {
    self.client = client
    self.store = store
    self.concurrency = max(1, concurrency)
    self.now = now
    self.makeIntentID = makeIntentID
    self.progress = progress
  }

  /// What became of one planned call.
  public enum Outcome: Sendable, Equatable {
    /// Boomi accepted it; the release is recorded with its handle.
    case released(requestId: String)
    /// Boomi refused it, or it never got through: nothing happened, nothing is recorded.
    case failed(String)
    /// It may or may not have been processed; its intent stays in the lockfile for `recover`.
    case unknown(String)
  }

  public enum Progress: Sendable {
    case started(PlannedChange)
    case finished(PlannedChange, Outcome)
  }

  public struct Result: Sendable, Equatable {
    public var outcomes: [(change: PlannedChange, outcome: Outcome)]

    public init(outcomes: [(change: PlannedChange, outcome: Outcome)]) {
      self.outcomes = outcomes
    }

    public var released: Int { outcomes.count { if case .released = $0.outcome { true } else { false } } }
    public var failed: Int { outcomes.count { if case .failed = $0.outcome { true } else { false } } }
    public var unknown: Int { outcomes.count { if case .unknown = $0.outcome { true } else { false } } }

    public static func == (lhs: Result, rhs: Result) -> Bool {
      lhs.outcomes.map(\.change) == rhs.outcomes.map(\.change)
        && lhs.outcomes.map(\.outcome) == rhs.outcomes.map(\.outcome)
    }
  }

  /// A failure to write the lockfile: the run stops, since nothing more could be recorded.
  public struct StoppedError: Error, CustomStringConvertible {
    public var cause: WriteFailure
    public var partial: Result

    public var description: String { cause.description }
  }

  /// The lockfile could not be written. When Boomi had already accepted a release, its handle
  /// is carried here so that it can be shown to the user rather than lost.
  public struct WriteFailure: Error, Sendable, CustomStringConvertible {
    public var error: FileError
    public var packId: String
    public var unrecordedRequestId: String?

    public var description: String {
      guard let requestId = unrecordedRequestId else { return "the lockfile could not be written: \(error)" }
      return
        "Boomi accepted release \(requestId) for pack \(packId), but the lockfile could not be written (\(error)). "
        + "Record it with `boomi-release import --pack \(packId) --request-id \(requestId)` once the file is writable"
    }
  }

  /// Executes every change; outcomes come back in the order of `changes`.
  public func run(_ changes: [PlannedChange], planId: String?) async throws(StoppedError) -> Result {
    var outcomes: [Int: Outcome] = [:]
    var stopped: WriteFailure?
    await withTaskGroup(of: (Int, Swift.Result<Outcome, WriteFailure>).self) { group in
      var pending = changes.enumerated().makeIterator()
      var running = 0
      while true {
        while running < concurrency, stopped == nil, let (index, change) = pending.next() {
          group.addTask { (index, await outcome(of: change, planId: planId)) }
          running += 1
        }
        guard let (index, result) = await group.next() else { break }
        running -= 1
        switch result {
        case .success(let outcome): outcomes[index] = outcome
        case .failure(let error): stopped = stopped ?? error
        }
      }
    }
    let result = Result(outcomes: changes.indices.compactMap { index in outcomes[index].map { (changes[index], $0) } })
    if let stopped { throw StoppedError(cause: stopped, partial: result) }
    return result
  }

  /// `execute` as a value. (Kept out of the task group's closure: Swift 6.3.1's optimizer
  /// returns the wrong captured index from a typed `do`/`catch` that returns inside such a
  /// closure, which put every outcome under one pack in release builds.)
  func outcome(of change: PlannedChange, planId: String?) async -> Swift.Result<Outcome, WriteFailure> {
    do throws(WriteFailure) {
      let outcome = try await execute(change, planId: planId)
      return .success(outcome)
    } catch {
      return .failure(error)
    }
  }

  /// One call, from intent to recorded outcome. Throws only when the lockfile cannot be written.
  func execute(_ change: PlannedChange, planId: String?) async throws(WriteFailure) -> Outcome {
    progress(.started(change))
    let request = Self.wireRequest(for: change)
    let intent = Intent(
      id: makeIntentID(), packId: change.packId, operation: change.operation, content: change.content,
      bodyDigest: SavedPlan.sha256(WireCoding.encode(request)), planId: planId,
      createdAt: Timestamp.rfc3339(now()))
    func persist(_ requestId: String? = nil, _ write: () async throws(FileError) -> Void) async throws(WriteFailure) {
      do {
        try await write()
      } catch {
        throw WriteFailure(error: error, packId: change.packId, unrecordedRequestId: requestId)
      }
    }
    // Persisted before sending: if this fails, nothing is sent.
    try await persist { () async throws(FileError) in
      try await store.recordIntent(intent, account: client.configuration.accountID)
    }
    let sent: Swift.Result<ReleaseIntegrationPackResponse, PlatformError>
    do throws(PlatformError) {
      sent = .success(
        change.operation == .create
          ? try await client.createRelease(request) : try await client.updateRelease(packId: change.packId, request))
    } catch {
      sent = .failure(error)
    }
    let outcome: Outcome
    switch sent {
    case .success(let response):
      // The client guarantees a requestId on success.
      let requestId = response.requestId ?? ""
      let release = RecordedRelease(
        operation: change.operation, content: change.content, requestId: requestId,
        releaseStatusUrl: response.releaseStatusUrl, appliedAt: Timestamp.rfc3339(now()), planId: planId)
      try await persist(requestId) { () async throws(FileError) in
        try await store.recordRelease(release, for: intent, name: change.name)
      }
      outcome = .released(requestId: requestId)
    case .failure(let error) where error.certainlyNotProcessed:
      try await persist { () async throws(FileError) in try await store.discardIntent(intent) }
      outcome = .failed(error.description)
    case .failure(let error):
      try await persist { () async throws(FileError) in
        try await store.markUnresolved(intent, reason: error.description)
      }
      outcome = .unknown(error.description)
    }
    progress(.finished(change, outcome))
    return outcome
  }

  /// Boomi's body for a planned change.
  public static func wireRequest(for change: PlannedChange) -> ReleaseIntegrationPackRequest {
    ReleaseIntegrationPackRequest(
      id: change.packId, releaseSchedule: change.content.schedule.wireValue,
      releaseOnDate: change.content.schedule.date?.description,
      components: change.content.components.map {
        ReleasePackagedComponent(componentId: $0.componentId, version: $0.version)
      })
  }
}
