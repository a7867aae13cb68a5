import Foundation
import Testing

@testable import ReleaseCore

@Suite("Saved plan refusals")
struct SavedPlanCheckTests {
  /// Two packs released on 2026-11-24; nothing recorded yet.
  let manifestBytes = Array(
    """
    version: 1
    account: acme
    packs:
      - id: \(packA)
        name: a
        release: 2026-11-24
        components:
          - {id: \(componentX), version: "1"}
      - id: \(packB)
        name: b
        release: immediately
        components:
          - {id: \(componentX), version: "2"}

    """.utf8)
  let lockfile = Lockfile(lineage: "lineage-1", serial: 3, account: "acme")

  var manifest: Manifest {
    get throws { try #require(ManifestLoader.load(SourceText(path: "release.yaml", bytes: manifestBytes)).0) }
  }

  /// The call the manifest makes for pack a: a CREATE of version 1 on 2026-11-24.
  var callForA: ReleaseCall {
    ReleaseCall(
      packId: packA, name: "a", operation: .create,
      content: ReleaseContent(
        schedule: .onDate(date("2026-11-24")), components: [PinnedComponent(componentId: componentX, version: "1")]),
      previousRequestId: nil)
  }

  func saved(changes: [ReleaseCall]? = nil, retire: [String] = []) -> SavedPlan {
    SavedPlan(
      planId: "plan-1", createdAt: "2026-11-23T10:00:00Z", account: "acme", today: date("2026-11-23"),
      timeZone: "UTC", manifestPath: "release.yaml", manifestSHA256: Digest.sha256(manifestBytes),
      lockfilePath: "release.lock.json", lockfileLineage: "lineage-1", lockfileSerial: 3,
      calls: changes ?? [callForA], retire: retire)
  }

  func refusals(
    _ plan: SavedPlan, bytes: [UInt8]? = nil, lockfile: Lockfile? = nil, today: String = "2026-11-23",
    account: String = "acme"
  ) throws -> [SavedPlanCheck.Refusal] {
    SavedPlanCheck.refusals(
      plan, manifest: try manifest, manifestBytes: bytes ?? manifestBytes, lockfile: lockfile ?? self.lockfile,
      today: date(today), account: account)
  }

  @Test("a plan made from exactly these files is accepted, whole or as a --target subset")
  func fresh() throws {
    #expect(try refusals(saved()).isEmpty)
    #expect(try refusals(saved(changes: [])).isEmpty)
  }

  @Test("a changed manifest is refused")
  func manifestChanged() throws {
    #expect(
      try refusals(saved(), bytes: manifestBytes + Array("# edit\n".utf8)) == [.manifestChanged(path: "release.yaml")])
  }

  @Test("a lockfile written since, or replaced by another, is refused")
  func lockfileChanged() throws {
    for changed in [Lockfile(lineage: "lineage-1", serial: 4), Lockfile(lineage: "lineage-2", serial: 3)] {
      guard case .lockfileChanged? = try refusals(saved(), lockfile: changed).first else {
        Issue.record("not refused for \(changed)")
        continue
      }
    }
  }

  @Test("a plan already applied is refused as such")
  func alreadyApplied() throws {
    var applied = lockfile
    applied.serial = 9
    applied.appliedPlans = ["plan-1"]
    #expect(try refusals(saved(), lockfile: applied) == [.alreadyApplied(planId: "plan-1")])
  }

  @Test("a date that is no longer in the future is refused")
  func staleDate() throws {
    #expect(
      try refusals(saved(), today: "2026-11-24")
        == [.dateNoLongerInFuture(pack: "a", date: date("2026-11-24"), today: date("2026-11-24"))])
  }

  @Test("a plan for another account is refused")
  func account() throws {
    #expect(try refusals(saved(), account: "other") == [.accountChanged(planned: "acme", now: "other")])
  }

  @Test("an edited plan that releases a pack the manifest does not is refused, naming it")
  func callNotInManifest() throws {
    var foreign = callForA
    foreign.packId = "9d9d9d9d-0000-4000-8000-000000000000"
    foreign.name = "foreign"
    #expect(try refusals(saved(changes: [callForA, foreign])) == [.callNotInManifest(pack: "foreign")])
  }

  @Test(
    "an edited call is refused: another version, schedule, operation, predecessor or name",
    arguments: [
      { (call: inout ReleaseCall) in
        call.content = ReleaseContent(
          schedule: call.content.schedule, components: [PinnedComponent(componentId: componentX, version: "9")])
      },
      { (call: inout ReleaseCall) in
        call.content = ReleaseContent(schedule: .immediately, components: call.content.components)
      },
      { (call: inout ReleaseCall) in call.operation = .update },
      { (call: inout ReleaseCall) in call.previousRequestId = "release-x" },
      { (call: inout ReleaseCall) in call.name = "renamed" },
    ] as [@Sendable (inout ReleaseCall) -> Void])
  func callDiffers(edit: @Sendable (inout ReleaseCall) -> Void) throws {
    var call = callForA
    edit(&call)
    #expect(try refusals(saved(changes: [call])) == [.callDiffers(pack: call.label)])
  }

  @Test("the reason is for people: a plan whose reasons were reworded is still its plan")
  func reasonIsNotACall() throws {
    var plan = saved()
    plan.reasons = [packA: "anything at all"]
    #expect(try refusals(plan).isEmpty)
  }

  @Test("retiring a pack the manifest still manages is refused")
  func retireNotPlanned() throws {
    #expect(try refusals(saved(retire: [packA])) == [.retireNotPlanned(pack: packA)])
  }
}
