import BoomiAPI
import FileSystem
import ReleaseCore

/// The status use case: reads the status of every recorded release that can still change
/// (bulk, 100 per call), records it in the lockfile, and with a wait polls until each has
/// settled (`SUCCESS`, `ERROR`, `SCHEDULED`) or the wait passes. Packs a lockfile merge marked
/// `needsRefresh` are then settled from what Boomi shows.
public struct RefreshStatuses: Sendable {
  public var client: PlatformClient
  public var store: LockfileStore
  public var time: MonotonicTime

  public init(client: PlatformClient, store: LockfileStore, time: MonotonicTime = .continuous) {
    self.client = client
    self.store = store
    self.time = time
  }

  public struct Report: Sendable, Equatable {
    /// The lockfile after every status read was recorded.
    public var lockfile: Lockfile
    /// Releases whose status could not be read, and why.
    public var unread: [String: String]
    /// Releases still not settled when the wait passed.
    public var unsettled: [String]
  }

  /// Reads once (`wait` zero), or until everything settles or `wait` passes.
  public func run(wait: Duration = .zero) async throws(EngineError) -> Report {
    let ids = await store.lockfile.requestsToRefresh
    var outcome = StatusPoller.Outcome(statuses: [:], unsettled: [], unread: [:])
    if !ids.isEmpty {
      outcome = try await StatusPoller(client: client, store: store, time: time, timeout: wait).wait(for: ids)
    }
    try await settleMergedPacks()
    return Report(lockfile: await store.lockfile, unread: outcome.unread, unsettled: outcome.unsettled)
  }

  /// Packs a lockfile merge marked `needsRefresh`, settled by what Boomi shows now (SPEC §10.4).
  private func settleMergedPacks() async throws(EngineError) {
    let lockfile = await store.lockfile
    let marked = lockfile.packs.filter(\.value.needsRefresh).keys.sorted()
    guard !marked.isEmpty else { return }
    let packs: [String: PackState]
    do {
      packs = try await RemoteInspector(client: client).packStates(marked)
    } catch {
      throw .boomi(doing: "read the packs a lockfile merge marked for refresh", error)
    }
    do throws(FileError) {
      try await store.settleMarkedPacks(from: packs)
    } catch {
      throw .lockfile(error)
    }
  }
}
