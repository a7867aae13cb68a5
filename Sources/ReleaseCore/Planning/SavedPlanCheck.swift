/// Whether a saved plan may still be applied (SPEC §5.3, §7): it must have been made from exactly
/// the manifest and lockfile there are now, not be applied already, not schedule anything for a
/// date that is no longer in the future, and make exactly the calls that manifest and lockfile
/// call for: a plan file is data from disk, and an edited one must not release anything the
/// manifest it pins does not.
public enum SavedPlanCheck {
  public enum Refusal: Sendable, Equatable, CustomStringConvertible {
    case manifestChanged(path: String)
    case lockfileChanged(path: String, expected: String, found: String)
    case alreadyApplied(planId: String)
    case dateNoLongerInFuture(pack: String, date: CalendarDate, today: CalendarDate)
    case accountChanged(planned: String, now: String)
    /// A call the pinned manifest and lockfile do not make at all.
    case callNotInManifest(pack: String)
    /// A call the pinned manifest and lockfile make differently.
    case callDiffers(pack: String)
    /// A pack to retire that the pinned manifest still lists, or the lockfile does not have.
    case retireNotPlanned(pack: String)

    public var description: String {
      switch self {
      case .manifestChanged(let path):
        "the manifest \(path) changed since the plan was made; make a new plan"
      case .lockfileChanged(let path, let expected, let found):
        "the lockfile \(path) changed since the plan was made (it was \(expected), it is \(found)); make a new plan"
      case .alreadyApplied(let planId):
        "plan \(planId) was already applied"
      case .dateNoLongerInFuture(let pack, let date, let today):
        "the plan schedules \(pack) for \(date), which is no longer after today (\(today)); make a new plan"
      case .accountChanged(let planned, let now):
        "the plan was made for account \(planned), but this run is for \(now)"
      case .callNotInManifest(let pack):
        "the plan releases \(pack), which the manifest it pins does not call for; the plan file was edited, "
          + "make a new plan"
      case .callDiffers(let pack):
        "the plan's call for \(pack) differs from the one the manifest it pins calls for; the plan file was edited, "
          + "make a new plan"
      case .retireNotPlanned(let pack):
        "the plan retires \(pack), which the manifest it pins still manages or the lockfile does not hold; "
          + "make a new plan"
      }
    }
  }

  public static func refusals(
    _ plan: SavedPlan, manifest: Manifest, manifestBytes: [UInt8], lockfile: Lockfile, today: CalendarDate,
    account: String?
  ) -> [Refusal] {
    var refusals: [Refusal] = []
    let manifestMatches = Digest.sha256(manifestBytes) == plan.manifestSHA256
    let lockfileMatches = lockfile.lineage == plan.lockfileLineage && lockfile.serial == plan.lockfileSerial
    if !manifestMatches {
      refusals.append(.manifestChanged(path: plan.manifestPath))
    }
    if lockfile.appliedPlans.contains(plan.planId) {
      refusals.append(.alreadyApplied(planId: plan.planId))
    } else if !lockfileMatches {
      func describe(_ lineage: String?, _ serial: Int) -> String {
        lineage.map { "lineage \($0), serial \(serial)" } ?? "absent"
      }
      refusals.append(
        .lockfileChanged(
          path: plan.lockfilePath, expected: describe(plan.lockfileLineage, plan.lockfileSerial),
          found: describe(lockfile.lineage, lockfile.serial)))
    }
    for call in plan.calls {
      if case .onDate(let date) = call.content.schedule, date <= today {
        refusals.append(.dateNoLongerInFuture(pack: call.label, date: date, today: today))
      }
    }
    if let planned = plan.account, let account, planned != account {
      refusals.append(.accountChanged(planned: planned, now: account))
    }
    if manifestMatches, lockfileMatches {
      refusals += unplannedCalls(plan, manifest: manifest, lockfile: lockfile)
    }
    return refusals
  }

  /// Each call of `plan` that planning its pinned manifest and lockfile again (on the plan's own
  /// date) does not make exactly so. A plan made with `--target` holds some of the calls, never
  /// others.
  static func unplannedCalls(_ plan: SavedPlan, manifest: Manifest, lockfile: Lockfile) -> [Refusal] {
    guard let (again, _) = try? Planner.plan(manifest: manifest, lockfile: lockfile, today: plan.today) else {
      return []
    }
    let calls = Dictionary(again.calls.map { ($0.packId, $0) }, uniquingKeysWith: { first, _ in first })
    var refusals: [Refusal] = []
    for saved in plan.calls {
      guard let call = calls[saved.packId] else {
        refusals.append(.callNotInManifest(pack: saved.label))
        continue
      }
      if saved != call { refusals.append(.callDiffers(pack: saved.label)) }
    }
    let retirable = Set(again.unmanaged.map(\.packId))
    for pack in plan.retire where !retirable.contains(pack) {
      refusals.append(.retireNotPlanned(pack: pack))
    }
    return refusals
  }
}
