import BoomiAPI
import FileSystem
import Foundation
import ReleaseCore

/// The recover use case (SPEC §6.4): for each attempt whose outcome is unknown, the facts are read
/// from Boomi (the pack, and the status of the release recorded before the attempt), judged by
/// ReleaseCore's ``Recovery``, and the verdict recorded: a release that went through is adopted
/// (as `unrecorded:<intent>`, its requestId never having arrived), an attempt that did not is
/// dropped, and an undetermined one stays. Or the user decides (`--assume-sent`/`--assume-not-sent`).
public struct RecoverAttempts: Sendable {
  public var store: LockfileStore
  /// The time now: an attempt's age, and when a release is adopted.
  public var now: @Sendable () -> Date
  /// Told of each settlement once it is recorded, so a run that fails part-way has said what it
  /// settled.
  public var progress: @Sendable (Settlement) -> Void

  public init(
    store: LockfileStore, now: @escaping @Sendable () -> Date,
    progress: @escaping @Sendable (Settlement) -> Void = { _ in }
  ) {
    self.store = store
    self.now = now
    self.progress = progress
  }

  /// What became of one attempt.
  public struct Settlement: Sendable, Equatable {
    public var intent: Intent
    public var verdict: Recovery.Verdict
  }

  /// Judges each of `intents` from what Boomi shows, and records each verdict that settles it.
  /// An absence of an attempt's versions is trusted once it is older than `settle`.
  public func judge(
    _ intents: [Intent], client: PlatformClient, settle: Duration
  ) async throws(EngineError) -> [Settlement] {
    // Each attempt is judged against the lockfile as it was before any was settled.
    let lockfile = await store.lockfile
    var settlements: [Settlement] = []
    for intent in intents {
      let previous = lockfile.record(for: intent.packId)?.release
      let facts = try await Self.facts(for: intent, previous: previous, client: client)
      let time = now()
      let age = Timestamp.parse(intent.createdAt).map { Duration.seconds(time.timeIntervalSince($0)) } ?? .zero
      let verdict = Recovery.judge(intent, facts: facts, previous: previous, age: age, settle: settle)
      settlements.append(try await record(verdict, for: intent, at: time))
    }
    return settlements
  }

  /// Settles each of `intents` as the user says: sent, or not.
  public func assume(_ intents: [Intent], sent: Bool) async throws(EngineError) -> [Settlement] {
    var settlements: [Settlement] = []
    for intent in intents {
      let verdict: Recovery.Verdict = sent ? .sent("assumed by the user") : .notSent("assumed by the user")
      settlements.append(try await record(verdict, for: intent, at: now()))
    }
    return settlements
  }

  /// The pack as Boomi shows it, and the release recorded before the attempt as its status shows
  /// it now (an unreadable status is no evidence either way; the pack's versions still are).
  static func facts(
    for intent: Intent, previous: RecordedRelease?, client: PlatformClient
  ) async throws(EngineError) -> Recovery.Facts {
    let pack: PackState?
    do {
      pack = BoomiTranslation.packState(try await client.publisherIntegrationPack(id: intent.packId))
    } catch .rejected(let status, _) where status == 400 || status == 404 {
      pack = nil
    } catch {
      throw .boomi(doing: "read pack \(intent.packId)", error)
    }
    var previousAsShown: ReleaseContent?
    if let previous, !RecordedRelease.isUnrecorded(previous.requestId),
      let status = try? await client.releaseStatus(requestId: previous.requestId)
    {
      previousAsShown = BoomiTranslation.content(of: status, ifReleaseOf: intent.packId)
    }
    return Recovery.Facts(pack: pack, previousAsShown: previousAsShown)
  }

  /// Records `verdict` when it settles the attempt, and tells ``progress``.
  private func record(
    _ verdict: Recovery.Verdict, for intent: Intent, at time: Date
  ) async throws(EngineError) -> Settlement {
    do throws(FileError) {
      switch verdict {
      case .sent(let reason):
        let release = Recovery.recoveredRelease(for: intent, at: time, reason: reason)
        try await store.adopt(release, packId: intent.packId, settling: [intent])
      case .notSent:
        try await store.discardIntent(intent)
      case .undetermined:
        break
      }
    } catch {
      throw .lockfile(error)
    }
    let settlement = Settlement(intent: intent, verdict: verdict)
    progress(settlement)
    return settlement
  }
}
