import Foundation
import Testing

@testable import ReleaseCore

@Suite("Saved plan refusals")
struct SavedPlanCheckTests {
  let manifestBytes = Array("version: 1\n".utf8)
  let lockfile = Lockfile(lineage: "lineage-1", serial: 3, account: "acme")

  func saved(changes: [PlannedChange] = []) -> SavedPlan {
    SavedPlan(
      planId: "plan-1", createdAt: "2026-11-23T10:00:00Z", account: "acme", today: date("2026-11-23"),
      timeZone: "UTC", manifestPath: "release.yaml", manifestSHA256: SavedPlan.sha256(manifestBytes),
      lockfilePath: "release.lock.json", lockfileLineage: "lineage-1", lockfileSerial: 3, changes: changes, retire: [])
  }

  @Test("a plan made from exactly these files is accepted")
  func fresh() {
    #expect(
      SavedPlanCheck.refusals(
        saved(), manifestBytes: manifestBytes, lockfile: lockfile, today: date("2026-11-23"), account: "acme"
      ).isEmpty)
  }

  @Test("a changed manifest is refused")
  func manifestChanged() {
    let refusals = SavedPlanCheck.refusals(
      saved(), manifestBytes: Array("version: 1 \n".utf8), lockfile: lockfile, today: date("2026-11-23"),
      account: "acme")
    #expect(refusals == [.manifestChanged(path: "release.yaml")])
  }

  @Test("a lockfile written since, or replaced by another, is refused")
  func lockfileChanged() {
    for changed in [Lockfile(lineage: "lineage-1", serial: 4), Lockfile(lineage: "lineage-2", serial: 3)] {
      let refusals = SavedPlanCheck.refusals(
        saved(), manifestBytes: manifestBytes, lockfile: changed, today: date("2026-11-23"), account: "acme")
      guard case .lockfileChanged? = refusals.first else { return #expect(Bool(false), "\(refusals)") }
    }
  }

  @Test("a plan already applied is refused as such")
  func alreadyApplied() {
    var applied = lockfile
    applied.serial = 9
    applied.appliedPlans = ["plan-1"]
    #expect(
      SavedPlanCheck.refusals(
        saved(), manifestBytes: manifestBytes, lockfile: applied, today: date("2026-11-23"), account: "acme")
        == [.alreadyApplied(planId: "plan-1")])
  }

  @Test("a date that is no longer in the future is refused")
  func staleDate() {
    let change = PlannedChange(
      packId: packA, name: "a", operation: .create,
      content: ReleaseContent(
        schedule: .onDate(date("2026-11-24")), components: [ComponentVersion(componentId: componentX, version: "1")]),
      previousRequestId: nil, reason: "")
    let refusals = SavedPlanCheck.refusals(
      saved(changes: [change]), manifestBytes: manifestBytes, lockfile: lockfile, today: date("2026-11-24"),
      account: "acme")
    #expect(
      refusals == [.dateNoLongerInFuture(pack: "a", date: date("2026-11-24"), today: date("2026-11-24"))])
  }

  @Test("a plan for another account is refused")
  func account() {
    #expect(
      SavedPlanCheck.refusals(
        saved(), manifestBytes: manifestBytes, lockfile: lockfile, today: date("2026-11-23"), account: "other")
        == [.accountChanged(planned: "acme", now: "other")])
  }
}
