import Foundation
import ReleaseCore

/// The one writer of a lockfile during a run. Every change is written at once, atomically, with
/// the serial increased: after every call that returned a requestId, and before every call
/// that might (its intent), so a crash at any instant leaves a lockfile that records every
/// release Boomi accepted, or the attempt whose outcome is unknown.
public actor LockfileStore {
  public let path: String
  private(set) public var lockfile: Lockfile
  private let makeLineage: @Sendable () -> String

  public init(
    path: String, lockfile: Lockfile, makeLineage: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
  ) {
    self.path = path
    self.lockfile = lockfile
    self.makeLineage = makeLineage
  }

  /// Applies `change` and persists the result. On a write failure the in-memory state is left
  /// as it was, so memory never claims more than the disk holds.
  public func update(_ change: (inout Lockfile) -> Void) throws(FileError) {
    var next = lockfile
    change(&next)
    guard next != lockfile else { return }
    if next.lineage == nil { next.lineage = makeLineage() }
    next.serial = lockfile.serial + 1
    try AtomicFile.write(LockfileFormat.encode(next), to: path)
    lockfile = next
  }

  /// Records an attempt before it is sent.
  public func recordIntent(_ intent: Intent, account: String?) throws(FileError) {
    try update { lockfile in
      lockfile.pending.append(intent)
      if lockfile.account == nil { lockfile.account = account }
    }
  }

  /// Replaces an intent with the release Boomi accepted; the pack's previous release moves to
  /// its history.
  public func recordRelease(_ release: RecordedRelease, for intent: Intent, name: String?) throws(FileError) {
    try update { lockfile in
      lockfile.pending.removeAll { $0.id == intent.id }
      Self.install(release, packId: intent.packId, name: name, in: &lockfile)
    }
  }

  /// Drops an intent whose request certainly did not change anything (refused, never sent).
  public func discardIntent(_ intent: Intent) throws(FileError) {
    try update { $0.pending.removeAll { $0.id == intent.id } }
  }

  /// Notes on an intent why its outcome is unknown; the intent stays.
  public func markUnresolved(_ intent: Intent, reason: String) throws(FileError) {
    try update { lockfile in
      guard let index = lockfile.pending.firstIndex(where: { $0.id == intent.id }) else { return }
      lockfile.pending[index].failure = reason
    }
  }

  /// Records a release found by `recover` or `import`, settling the pack's intents that it
  /// accounts for (`settling`).
  public func adopt(_ release: RecordedRelease, packId: String, settling intents: [Intent]) throws(FileError) {
    try update { lockfile in
      let settled = Set(intents.map(\.id))
      lockfile.pending.removeAll { settled.contains($0.id) }
      Self.install(release, packId: packId, name: nil, in: &lockfile)
    }
  }

  /// Moves packs no longer in the manifest to `retired`, keeping their records.
  public func retire(_ packIds: [String]) throws(FileError) {
    try update { lockfile in
      for id in packIds {
        guard let record = lockfile.packs.removeValue(forKey: id) else { continue }
        lockfile.retired[id] = record
      }
    }
  }

  /// Records that a saved plan was applied, keeping the most recent ids only.
  public func recordAppliedPlan(_ planId: String, keep: Int = 50) throws(FileError) {
    try update { lockfile in
      guard !lockfile.appliedPlans.contains(planId) else { return }
      lockfile.appliedPlans.append(planId)
      if lockfile.appliedPlans.count > keep { lockfile.appliedPlans.removeFirst(lockfile.appliedPlans.count - keep) }
    }
  }

  /// Sets statuses read from Boomi, by requestId, in one write.
  public func recordStatuses(_ statuses: [String: ReleaseStatus]) throws(FileError) {
    try update { lockfile in
      for (requestId, status) in statuses { lockfile.setStatus(status, requestId: requestId) }
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
