import BoomiAPI
import FileSystem
import Foundation
import ReleaseCore

/// The apply use case (SPEC §5.3, §6): a plan made now or a saved one, its checks, the calls,
/// the packs retired, the plan's id recorded, and optionally the wait for each release to settle.
///
/// It comes in two steps, so that a command can show what will happen and ask before anything is
/// sent: ``prepare(_:)`` (pure: planning and the saved plan's checks) and ``run(_:wait:)``.
public struct ApplyReleases: Sendable {
  public var client: PlatformClient
  public var store: LockfileStore
  public var concurrency: Int
  /// The time now, for `appliedAt` and intents.
  public var now: @Sendable () -> Date
  /// For `--wait`'s polling.
  public var time: MonotonicTime
  public var progress: @Sendable (Progress) -> Void

  /// What a run reports as it goes.
  public enum Progress: Sendable {
    /// A call started or finished.
    case call(CallExecutor.Progress)
    /// The calls are done; `--wait` polls this many releases.
    case waiting(count: Int)
  }

  public init(
    client: PlatformClient, store: LockfileStore, concurrency: Int = 4, now: @escaping @Sendable () -> Date,
    time: MonotonicTime = .continuous, progress: @escaping @Sendable (Progress) -> Void = { _ in }
  ) {
    self.client = client
    self.store = store
    self.concurrency = concurrency
    self.now = now
    self.time = time
    self.progress = progress
  }

  // MARK: - Preparing

  /// What a run works from.
  public struct Input: Sendable {
    public var manifest: Manifest
    public var manifestBytes: [UInt8]
    public var lockfile: Lockfile
    public var today: CalendarDate
    /// The account calls go to.
    public var account: String?
    /// The saved plan to apply, or `nil` to plan now.
    public var savedPlan: SavedPlan?
    /// `--target` / `--exclude`, for a plan made now.
    public var selection: PackSelection
    /// The id of a plan made now.
    public var newPlanId: String

    public init(
      manifest: Manifest, manifestBytes: [UInt8], lockfile: Lockfile, today: CalendarDate, account: String?,
      savedPlan: SavedPlan?, selection: PackSelection = .all, newPlanId: String
    ) {
      self.manifest = manifest
      self.manifestBytes = manifestBytes
      self.lockfile = lockfile
      self.today = today
      self.account = account
      self.savedPlan = savedPlan
      self.selection = selection
      self.newPlanId = newPlanId
    }
  }

  /// What a run will do, once prepared.
  public struct Prepared: Sendable {
    /// The plan made for this run; `nil` when a saved plan is applied.
    public var plan: Plan?
    public var planId: String
    /// The calls to make: the plan's, less those of blocked packs.
    public var calls: [ReleaseCall]
    /// Packs not touched: an earlier attempt's outcome is unknown.
    public var blocked: [BlockedPack]
    /// Packs to move to `retired`.
    public var retire: [String]

    /// Whether the run would change nothing.
    public var isEmpty: Bool { calls.isEmpty && retire.isEmpty }
  }

  public enum Preparation: Sendable {
    case ready(Prepared)
    /// The manifest cannot be applied as it stands (a release date not in the future).
    case invalid([Diagnostic])
    /// The saved plan may not be applied (SPEC §5.3).
    case refused([SavedPlanCheck.Refusal])
  }

  /// The run `input` calls for. Throws only when `--target`/`--exclude` name no pack.
  public static func prepare(_ input: Input) throws(PackSelection.UnknownPack) -> Preparation {
    let lockfile = input.lockfile
    if let saved = input.savedPlan {
      let refusals = SavedPlanCheck.refusals(
        saved, manifest: input.manifest, manifestBytes: input.manifestBytes, lockfile: lockfile, today: input.today,
        account: input.account)
      guard refusals.isEmpty else { return .refused(refusals) }
      let blocked = saved.calls.compactMap { call -> BlockedPack? in
        let intents = lockfile.pendingIntents(for: call.packId)
        return intents.isEmpty ? nil : BlockedPack(packId: call.packId, name: call.name, intents: intents)
      }
      let blockedIDs = Set(blocked.map(\.packId))
      return .ready(
        Prepared(
          plan: nil, planId: saved.planId, calls: saved.calls.filter { !blockedIDs.contains($0.packId) },
          blocked: blocked, retire: saved.retire))
    }
    let (plan, problems) = try Planner.plan(
      manifest: input.manifest, lockfile: lockfile, today: input.today, selection: input.selection)
    guard !problems.containsErrors else { return .invalid(problems) }
    // The planner leaves blocked packs out of the changes already.
    return .ready(
      Prepared(
        plan: plan, planId: input.newPlanId, calls: plan.calls, blocked: plan.blocked,
        retire: plan.unmanaged.map(\.packId)))
  }

  // MARK: - Running

  /// Makes the calls, then, unless the lockfile could not be written, retires the packs, records
  /// the plan's id, and with `wait` polls each release until it settles or `wait` passes.
  public func run(_ prepared: Prepared, wait: Duration? = nil) async -> ApplyResult {
    var result = ApplyResult(planId: prepared.planId, blocked: prepared.blocked)
    do {
      result.drifted = try await PreFlight(client: client, store: store).drifted(prepared.calls)
    } catch {
      result.preFlightFailure = error
      return result
    }
    let drifted = Set(result.drifted.map(\.packId))
    let progress = self.progress
    let executor = CallExecutor(
      client: client, store: store, concurrency: concurrency, now: now, progress: { progress(.call($0)) })
    let executed = await executor.run(prepared.calls.filter { !drifted.contains($0.packId) }, planId: prepared.planId)
    result.stopped = executed.stopped
    for pack in executed.packs {
      if let finding = Self.pendingRefusal(pack) { result.drifted.append(finding) } else { result.packs.append(pack) }
    }
    guard result.stopped == nil else { return result }
    do throws(FileError) {
      try await store.retire(prepared.retire)
      result.retired = prepared.retire
      try await store.recordAppliedPlan(prepared.planId)
    } catch {
      result.finishFailure = error
      return result
    }
    if let wait {
      let (statuses, seen) = await self.wait(for: result.packs.compactMap(\.releasedRequestId), bound: wait)
      for index in result.packs.indices {
        result.packs[index].status = result.packs[index].releasedRequestId.flatMap { statuses[$0] }
      }
      result.wait = seen
    }
    return result
  }

  /// A scheduled CREATE Boomi refused because a release is pending already: one the lockfile
  /// does not record, or the plan would have been an UPDATE (SPEC §10.2). Nothing was released.
  static func pendingRefusal(_ pack: ApplyResult.Pack) -> Drift.Finding? {
    guard pack.call.operation == .create, pack.call.content.schedule != .immediately,
      case .failed(let message) = pack.outcome, Drift.isPendingRefusal(message)
    else { return nil }
    return Drift.Finding(
      packId: pack.call.packId, name: pack.call.name, operation: pack.call.operation,
      reason:
        "a release is already pending that the lockfile does not record: \(message)"
    )
  }

  /// Polls `ids` until they settle or `bound` passes: their statuses (also recorded in the
  /// lockfile), and what did not settle or could not be read.
  private func wait(
    for ids: [String], bound: Duration
  ) async -> (statuses: [String: ReleaseStatus], wait: ApplyResult.Wait) {
    guard !ids.isEmpty else { return ([:], ApplyResult.Wait()) }
    progress(.waiting(count: ids.count))
    let poller = StatusPoller(client: client, store: store, time: time, timeout: bound)
    do {
      let outcome = try await poller.wait(for: ids)
      return (outcome.statuses, ApplyResult.Wait(unsettled: outcome.unsettled, unread: outcome.unread))
    } catch {
      return ([:], ApplyResult.Wait(failure: error))
    }
  }
}
