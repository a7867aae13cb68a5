/// Decides, per pack, between CREATE, UPDATE and nothing: SPEC §5.1 as a pure function of the
/// manifest, the lockfile and the date.
public enum Planner {
  /// The plan, and the diagnostics that forbid sending it (a release date that is not in the
  /// future, for a pack the plan would send).
  public static func plan(
    manifest: Manifest, lockfile: Lockfile, today: CalendarDate, selection: PackSelection = .all
  ) throws(PackSelection.UnknownPack) -> (Plan, [Diagnostic]) {
    let manifestIDs = Set(manifest.packs.map(\.id))
    let unmanagedIDs = lockfile.packs.keys.filter { !manifestIDs.contains($0) }
    // An intent may outlive its pack's entry in the manifest, or even in the lockfile (a CREATE
    // whose outcome is unknown): it is reported, and blocks, wherever its pack stands.
    let orphanIntentIDs = Set(lockfile.pending.map(\.packId)).subtracting(manifestIDs).subtracting(unmanagedIDs)
    let selected = try selection.resolve(
      manifest.packs.map { ($0.id, $0.name) } + unmanagedIDs.map { ($0, lockfile.packs[$0]?.name) }
        + orphanIntentIDs.map { ($0, lockfile.record(for: $0)?.name) })

    var changes: [Change] = []
    var diagnostics: [Diagnostic] = []
    let blocked = Set(lockfile.pending.map(\.packId)).filter(selected.contains).map { id in
      BlockedPack(
        packId: id, name: manifest.packs.first { $0.id == id }?.name ?? lockfile.record(for: id)?.name,
        intents: lockfile.pendingIntents(for: id))
    }
    let blockedIDs = Set(blocked.map(\.packId))
    for pack in manifest.packs where selected.contains(pack.id) && !blockedIDs.contains(pack.id) {
      let recorded = lockfile.record(for: pack.id)?.release
      let desired = pack.desired
      let (action, reason) = decide(desired: desired, recorded: recorded, today: today)
      if action != .noop, case .onDate(let date) = desired.schedule, date <= today {
        diagnostics.append(
          .error(
            .dateNotInFuture,
            "release date \(date) is not after today (\(today) in \(manifest.timeZoneName))",
            file: manifest.path, at: pack.marks.release,
            help: "choose a later date, or `release: immediately`"))
      }
      var names: [String: String] = [:]
      names.reserveCapacity(pack.components.count)
      for component in pack.components where component.name != nil {
        names[component.id] = component.name
      }
      changes.append(
        Change(
          packId: pack.id, name: pack.name, action: action, reason: reason, before: recorded, after: desired,
          installationType: pack.installationType, componentNames: names))
    }
    let unmanaged = unmanagedIDs.filter(selected.contains).compactMap { id in
      lockfile.packs[id].map { UnmanagedPack(packId: id, record: $0) }
    }
    let plan = Plan(
      changes: changes, unmanaged: unmanaged, blocked: blocked, today: today,
      timeZone: manifest.timeZoneName)
    return (plan, diagnostics)
  }

  /// The decision table of SPEC §5.1 for one pack.
  public static func decide(
    desired: ReleaseContent, recorded: RecordedRelease?, today: CalendarDate
  ) -> (Action, ChangeReason) {
    guard let recorded else {
      return (.create, .noRecordedRelease)
    }
    if recorded.status == .error {
      return (.create, .recordedReleaseFailed(requestId: recorded.requestId, message: recorded.statusMessage))
    }
    if recorded.content == desired {
      return (.noop, .matchesRecordedRelease(requestId: recorded.requestId))
    }
    if let date = pendingDate(of: recorded, today: today) {
      return (.update, .modifiesPendingRelease(date: date, toImmediately: desired.schedule == .immediately))
    }
    return (.create, .recordedReleaseWentOut(requestId: recorded.requestId, schedule: recorded.content.schedule))
  }

  /// The date of a release that is still waiting to go out: scheduled after today and not
  /// known to have succeeded or failed. Only such a release can be modified by UPDATE.
  public static func pendingDate(of recorded: RecordedRelease, today: CalendarDate) -> CalendarDate? {
    guard case .onDate(let date) = recorded.content.schedule, date > today,
      recorded.status != .success, recorded.status != .error
    else { return nil }
    return date
  }
}
