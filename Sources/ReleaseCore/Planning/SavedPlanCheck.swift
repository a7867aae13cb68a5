/// Whether a saved plan may still be applied (SPEC §5.3): it must have been made from exactly
/// the manifest and lockfile there are now, not be applied already, and not schedule anything
/// for a date that is no longer in the future.
public enum SavedPlanCheck {
  public enum Refusal: Sendable, Equatable, CustomStringConvertible {
    case manifestChanged(path: String)
    case lockfileChanged(path: String, expected: String, found: String)
    case alreadyApplied(planId: String)
    case dateNoLongerInFuture(pack: String, date: CalendarDate, today: CalendarDate)
    case accountChanged(planned: String, now: String)

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
      }
    }
  }

  public static func refusals(
    _ plan: SavedPlan, manifestBytes: [UInt8], lockfile: Lockfile, today: CalendarDate, account: String?
  ) -> [Refusal] {
    var refusals: [Refusal] = []
    if SavedPlan.sha256(manifestBytes) != plan.manifestSHA256 {
      refusals.append(.manifestChanged(path: plan.manifestPath))
    }
    if lockfile.appliedPlans.contains(plan.planId) {
      refusals.append(.alreadyApplied(planId: plan.planId))
    } else if lockfile.lineage != plan.lockfileLineage || lockfile.serial != plan.lockfileSerial {
      func describe(_ lineage: String?, _ serial: Int) -> String {
        lineage.map { "lineage \($0), serial \(serial)" } ?? "absent"
      }
      refusals.append(
        .lockfileChanged(
          path: plan.lockfilePath, expected: describe(plan.lockfileLineage, plan.lockfileSerial),
          found: describe(lockfile.lineage, lockfile.serial)))
    }
    for change in plan.changes {
      if case .onDate(let date) = change.content.schedule, date <= today {
        refusals.append(.dateNoLongerInFuture(pack: change.name ?? change.packId, date: date, today: today))
      }
    }
    if let planned = plan.account, let account, planned != account {
      refusals.append(.accountChanged(planned: planned, now: account))
    }
    return refusals
  }
}
