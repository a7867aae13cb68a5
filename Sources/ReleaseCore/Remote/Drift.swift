/// Apply's pre-flight judgement (SPEC §10.2): whether Boomi shows a pack in a state the lockfile
/// cannot explain, in which case a release planned from the lockfile may repeat one somebody else
/// made (another runner with a newer lockfile, or Boomi's UI), and is not sent.
///
/// Only `currentVersion` is evidence. `pendingVersion` is "the version included in the next
/// release", which a newly packaged version sets as well as a scheduled release, so nothing is
/// ever concluded from it. Pure: the engine reads the packs (and first the statuses of the
/// recorded releases that had not settled), this judges them.
public enum Drift {
  /// A pack whose planned call is not sent, and why.
  public struct Finding: Sendable, Equatable {
    public var packId: String
    public var name: String?
    /// The call that was not sent.
    public var operation: ReleaseOperation
    /// What Boomi shows that the lockfile does not explain, in one sentence.
    public var reason: String

    public init(packId: String, name: String?, operation: ReleaseOperation, reason: String) {
      self.packId = packId
      self.name = name
      self.operation = operation
      self.reason = reason
    }

    public var label: String { name ?? packId }
  }

  /// The way out, for every finding.
  public static let help =
    "the lockfile is not the newest or Boomi was changed elsewhere: `git pull` the newest lockfile, "
    + "`boomi-release import` a release made elsewhere if you know its requestId, or compare with `plan --refresh`"

  /// The calls among `calls` that must not be sent, judged against `packs` (Boomi's state by pack
  /// id; a pack Boomi does not have is left to the call, which Boomi refuses). `lockfile` holds the
  /// statuses just read.
  public static func findings(
    for calls: [ReleaseCall], lockfile: Lockfile, packs: [String: PackState]
  ) -> [Finding] {
    calls.compactMap { call in
      guard let pack = packs[call.packId.lowercased()] else { return nil }
      return reason(for: call, record: lockfile.record(for: call.packId), pack: pack).map {
        Finding(packId: call.packId, name: call.name, operation: call.operation, reason: $0)
      }
    }
  }

  static func reason(for call: ReleaseCall, record: PackRecord?, pack: PackState) -> String? {
    func current(_ componentId: String) -> String? {
      pack.components[componentId.lowercased()]?.current.flatMap { $0.isEmpty ? nil : $0 }
    }

    // A merged lockfile that recorded two current releases (SPEC §10.4): Boomi says which.
    if let record, record.needsRefresh {
      guard let settled = settle(record, pack: pack) else {
        return
          "the lockfile was merged from two runs that recorded different current releases, and Boomi shows neither; "
          + "`import` the right one, or compare with `plan --refresh`"
      }
      if settled.release?.requestId != record.release?.requestId {
        return
          "the lockfile was merged from two runs, and Boomi shows \(settled.release?.requestId ?? "another release") "
          + "as the current one, not \(record.release?.requestId ?? "the one planned from"); run `boomi-release status` to record it, then plan again"
      }
    }
    let releases = record.map { ($0.release.map { [$0] } ?? []) + $0.history.reversed() } ?? []

    // An UPDATE modifies a pending release: one that has gone out since cannot be modified.
    if call.operation == .update, let previous = record?.release,
      previous.requestId == call.previousRequestId, previous.status == .success || previous.status == .error
    {
      return
        "the release this UPDATE would modify (\(previous.requestId)) is \(previous.status?.rawValue ?? "") in Boomi now; plan again"
    }

    // The versions an immediate release would send are already current, and no release the
    // lockfile records since the last one that went out has them (a schedule-only change, a
    // retry of a failed release, a return to versions released before are all explained).
    let components = call.content.components
    let lastOut = releases.firstIndex { $0.status == .success }
    if call.content.schedule == .immediately, !components.isEmpty,
      components.allSatisfy({ current($0.componentId) == $0.version })
    {
      let since = lastOut.map { releases[...$0] } ?? releases[...]
      let explained = since.contains { release in
        components.allSatisfy { wanted in
          release.content.components.contains { $0.componentId == wanted.componentId && $0.version == wanted.version }
        }
      }
      if !explained {
        let versions = components.map { "\($0.componentId) \($0.version)" }.joined(separator: ", ")
        return "Boomi already shows \(versions) as released, and the lockfile records no such release"
      }
    }

    // The last release recorded as gone out is not what Boomi shows, and no newer recorded
    // release explains the difference.
    if let lastOut {
      let newer = releases[..<lastOut]
      for component in releases[lastOut].content.components {
        guard let shown = current(component.componentId), shown != component.version else { continue }
        let explained = newer.contains { release in
          release.content.components.contains { $0.componentId == component.componentId && $0.version == shown }
        }
        if !explained {
          return
            "Boomi shows \(component.componentId) at \(shown), but the last release the lockfile records as gone out (\(releases[lastOut].requestId)) has \(component.version)"
        }
      }
    }
    return nil
  }

  /// A pack a lockfile merge marked `needsRefresh` (two current releases neither side's history
  /// explained), settled by what Boomi shows: the merge's choice stays current when Boomi shows
  /// its versions, or it is scheduled and has not gone out; otherwise the most recent other
  /// release whose versions Boomi shows becomes current. `nil` when Boomi shows none of them.
  public static func settle(_ record: PackRecord, pack: PackState) -> PackRecord? {
    func isCurrent(_ release: RecordedRelease) -> Bool {
      !release.content.components.isEmpty
        && release.content.components.allSatisfy { pack.components[$0.componentId.lowercased()]?.current == $0.version }
    }
    var settled = record
    settled.needsRefresh = false
    guard let chosen = record.release else { return settled }
    if isCurrent(chosen) || (chosen.content.schedule != .immediately && chosen.status == .scheduled) { return settled }
    // A release still under way does not show yet: nothing can be concluded until it settles.
    let releases = [chosen] + record.history
    if releases.contains(where: { $0.status == nil || $0.status == .inProgress }) { return nil }
    guard let index = record.history.lastIndex(where: isCurrent) else { return nil }
    settled.release = record.history[index]
    settled.history.remove(at: index)
    let position = settled.history.firstIndex { $0.appliedAt > chosen.appliedAt } ?? settled.history.endIndex
    settled.history.insert(chosen, at: position)
    return settled
  }

  /// The findings as `plan --refresh` shows them: a warning at each pack's id in the manifest.
  public static func diagnostics(_ findings: [Finding], manifest: Manifest) -> [Diagnostic] {
    findings.map { finding in
      let mark = manifest.packs.first { $0.id == finding.packId }?.marks.id ?? .start
      return Diagnostic(
        .warning, .drift,
        "pack \(finding.label): apply would not send its \(finding.operation.rawValue): \(finding.reason)",
        file: manifest.path, at: mark, help: help)
    }
  }

  /// Whether Boomi's refusal of a scheduled CREATE says a release is pending already: one the
  /// lockfile does not record, or the planner would have made an UPDATE. Boomi does not document
  /// the message (an assumption, see the README): "already" with "scheduled" or "pending", or
  /// the documented rule's "only one … pending".
  public static func isPendingRefusal(_ message: String) -> Bool {
    let text = message.lowercased()
    return (text.contains("already") && (text.contains("scheduled") || text.contains("pending")))
      || (text.contains("only one") && text.contains("pending"))
  }
}
