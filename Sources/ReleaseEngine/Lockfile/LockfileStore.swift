import FileSystem
import Foundation
import ReleaseCore

/// The one writer of a lockfile during a run. Every change is on disk, written atomically with
/// the serial increased, before the call that made it returns: after every call that returned a
/// requestId, and before every call that might (its intent), so a crash at any instant leaves a
/// lockfile that records every release Boomi accepted, or the attempt whose outcome is unknown.
///
/// Changes that arrive while a write is under way are written together by the next one ("group
/// commit"): each caller still waits until its own change is on disk, but concurrent packs share
/// writes instead of queueing a whole-file write each, which would fall behind at large sizes.
public actor LockfileStore {
  public let path: String
  /// The current state: every change made, including those of a write under way.
  public private(set) var lockfile: Lockfile
  private var written: Lockfile
  /// Recorded in a lockfile that names no endpoint yet, by its first write (SPEC §10.1).
  private let endpoint: Endpoint?
  private let makeLineage: @Sendable () -> String
  private let writeFile: @Sendable ([UInt8], String) throws(FileError) -> Void
  private var waiting: [CheckedContinuation<Result<Void, FileError>, Never>] = []
  private var writing = false

  /// `endpoint` is where this run's releases are made; `writeFile` replaces the file's bytes,
  /// atomically (``AtomicFile``) unless a test injects a failing disk.
  public init(
    path: String, lockfile: Lockfile, endpoint: Endpoint? = nil,
    makeLineage: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
    writeFile: @escaping @Sendable ([UInt8], String) throws(FileError) -> Void = { bytes, path throws(FileError) in
      try AtomicFile.write(bytes, to: path)
    }
  ) {
    self.path = path
    self.lockfile = lockfile
    self.written = lockfile
    self.endpoint = endpoint
    self.makeLineage = makeLineage
    self.writeFile = writeFile
  }

  /// Applies `change` and returns once it is on disk. A change that changes nothing is not
  /// written. If the write fails, the change stays in memory (the next successful write carries
  /// it) and the error is thrown to every caller whose change it held.
  public func update(_ change: (inout Lockfile) -> Void) async throws(FileError) {
    var next = lockfile
    change(&next)
    guard next != lockfile else { return }
    lockfile = next
    let result = await withCheckedContinuation { continuation in
      waiting.append(continuation)
      if !writing {
        writing = true
        Task { await writeWaitingChanges() }
      }
    }
    try result.get()
  }

  /// Writes the current state for everyone waiting, again and again until nobody waits. The
  /// encoding and the write happen off the actor, so changes keep arriving meanwhile.
  private func writeWaitingChanges() async {
    while !waiting.isEmpty {
      let batch = waiting
      waiting = []
      if lockfile.lineage == nil { lockfile.lineage = makeLineage() }
      if lockfile.endpoint == nil { lockfile.endpoint = endpoint?.description }
      lockfile.serial = written.serial + 1
      let snapshot = lockfile
      let path = self.path
      let writeFile = self.writeFile
      let result = await Task.detached { () -> Result<Void, FileError> in
        do throws(FileError) {
          try writeFile(LockfileFormat.encode(snapshot), path)
          return .success(())
        } catch {
          return .failure(error)
        }
      }.value
      if case .success = result { written = snapshot }
      for continuation in batch { continuation.resume(returning: result) }
    }
    writing = false
  }

  /// Records an attempt before it is sent.
  public func recordIntent(_ intent: Intent, account: String?) async throws(FileError) {
    try await update { lockfile in
      lockfile.pending.append(intent)
      if lockfile.account == nil { lockfile.account = account }
    }
  }

  /// Replaces an intent with the release Boomi accepted; the pack's previous release moves to
  /// its history.
  public func recordRelease(_ release: RecordedRelease, for intent: Intent, name: String?) async throws(FileError) {
    try await update { lockfile in
      lockfile.pending.removeAll { $0.id == intent.id }
      Self.install(release, packId: intent.packId, name: name, in: &lockfile)
    }
  }

  /// Drops an intent whose request certainly did not change anything (refused, never sent).
  public func discardIntent(_ intent: Intent) async throws(FileError) {
    try await update { $0.pending.removeAll { $0.id == intent.id } }
  }

  /// Notes on an intent why its outcome is unknown; the intent stays.
  public func markUnresolved(_ intent: Intent, reason: String) async throws(FileError) {
    try await update { lockfile in
      guard let index = lockfile.pending.firstIndex(where: { $0.id == intent.id }) else { return }
      lockfile.pending[index].failure = reason
    }
  }

  /// Records a release found by `recover` or `import`, settling the pack's intents that it
  /// accounts for (`settling`).
  public func adopt(_ release: RecordedRelease, packId: String, settling intents: [Intent]) async throws(FileError) {
    try await update { lockfile in
      let settled = Set(intents.map(\.id))
      lockfile.pending.removeAll { settled.contains($0.id) }
      Self.install(release, packId: packId, name: nil, in: &lockfile)
    }
  }

  /// Moves packs no longer in the manifest to `retired`, keeping their records.
  public func retire(_ packIds: [String]) async throws(FileError) {
    try await update { lockfile in
      for id in packIds {
        guard let record = lockfile.packs.removeValue(forKey: id) else { continue }
        lockfile.retired[id] = record
      }
    }
  }

  /// Records that a saved plan was applied, keeping the most recent ids only.
  public func recordAppliedPlan(_ planId: String, keep: Int = 50) async throws(FileError) {
    try await update { lockfile in
      guard !lockfile.appliedPlans.contains(planId) else { return }
      lockfile.appliedPlans.append(planId)
      if lockfile.appliedPlans.count > keep { lockfile.appliedPlans.removeFirst(lockfile.appliedPlans.count - keep) }
    }
  }

  /// Sets statuses read from Boomi, by requestId, in one write.
  public func recordStatuses(_ statuses: [String: ReleaseStatus]) async throws(FileError) {
    try await update { lockfile in
      lockfile.setStatuses(statuses)
    }
  }

  /// Settles the packs a lockfile merge marked `needsRefresh` (SPEC §10.4) from what Boomi shows
  /// of them (``Drift/settle(_:pack:)``); a pack Boomi cannot settle yet stays marked.
  public func settleMarkedPacks(from packs: [String: PackState]) async throws(FileError) {
    try await update { lockfile in
      for (id, record) in lockfile.packs where record.needsRefresh {
        guard let pack = packs[id.lowercased()], let settled = Drift.settle(record, pack: pack) else { continue }
        lockfile.packs[id] = settled
      }
    }
  }

  /// Makes `release` the pack's current release, managed (out of `retired` if it was there).
  static func install(_ release: RecordedRelease, packId: String, name: String?, in lockfile: inout Lockfile) {
    var record = lockfile.packs[packId] ?? lockfile.retired.removeValue(forKey: packId) ?? PackRecord()
    if let previous = record.release { record.history.append(previous) }
    record.release = release
    if let name { record.name = name }
    lockfile.packs[packId] = record
  }
}
