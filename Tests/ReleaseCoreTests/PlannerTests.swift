import Foundation
import Testing

@testable import ReleaseCore

private let today = date("2026-11-23")

private func content(_ schedule: ReleaseSchedule, _ versions: [(String, String)]) -> ReleaseContent {
  ReleaseContent(schedule: schedule, components: versions.map { PinnedComponent(componentId: $0.0, version: $0.1) })
}

private func recorded(
  _ content: ReleaseContent, status: ReleaseStatus? = nil, message: String? = nil, requestId: String = "release-1"
) -> RecordedRelease {
  RecordedRelease(
    operation: .create, content: content, requestId: requestId, status: status, statusMessage: message,
    appliedAt: "2026-11-01T10:00:00Z")
}

/// One row of SPEC §5.1's decision table.
struct DecisionCase: CustomTestStringConvertible, Sendable {
  var title: String
  var recorded: RecordedRelease?
  var desired: ReleaseContent
  var action: Action
  var reason: ChangeReason

  var testDescription: String { title }
}

private let v1 = content(.immediately, [(componentX, "1.0")])
private let v2 = content(.immediately, [(componentX, "2.0")])
private let tomorrowV1 = content(.onDate(date("2026-11-24")), [(componentX, "1.0")])
private let tomorrowV2 = content(.onDate(date("2026-11-24")), [(componentX, "2.0")])
private let laterV1 = content(.onDate(date("2026-12-20")), [(componentX, "1.0")])
private let todayV1 = content(.onDate(date("2026-11-23")), [(componentX, "1.0")])
private let yesterdayV1 = content(.onDate(date("2026-11-22")), [(componentX, "1.0")])

@Suite("Planner")
struct PlannerTests {
  static let decisions: [DecisionCase] = [
    DecisionCase(
      title: "nothing recorded: create", recorded: nil, desired: v1, action: .create,
      reason: .noRecordedRelease),
    DecisionCase(
      title: "the same immediate release, status unknown: nothing to do", recorded: recorded(v1), desired: v1,
      action: .noop, reason: .matchesRecordedRelease(requestId: "release-1")),
    DecisionCase(
      title: "the same release, succeeded: nothing to do", recorded: recorded(v1, status: .success), desired: v1,
      action: .noop, reason: .matchesRecordedRelease(requestId: "release-1")),
    DecisionCase(
      title: "the same scheduled release, still scheduled: nothing to do",
      recorded: recorded(laterV1, status: .scheduled), desired: laterV1, action: .noop,
      reason: .matchesRecordedRelease(requestId: "release-1")),
    DecisionCase(
      title: "the same release in progress: nothing to do", recorded: recorded(v1, status: .inProgress),
      desired: v1, action: .noop, reason: .matchesRecordedRelease(requestId: "release-1")),
    DecisionCase(
      title: "the same release that failed: created again, with Boomi's reason",
      recorded: recorded(v1, status: .error, message: "Component not shareable"), desired: v1, action: .create,
      reason: .recordedReleaseFailed(requestId: "release-1", message: "Component not shareable")),
    DecisionCase(
      title: "a pending scheduled release is updated, not re-created",
      recorded: recorded(tomorrowV1, status: .scheduled), desired: tomorrowV2, action: .update,
      reason: .modifiesPendingRelease(date: date("2026-11-24"), toImmediately: false)),
    DecisionCase(
      title: "a pending scheduled release whose status was never read is updated",
      recorded: recorded(laterV1), desired: content(.onDate(date("2027-01-10")), [(componentX, "1.0")]),
      action: .update, reason: .modifiesPendingRelease(date: date("2026-12-20"), toImmediately: false)),
    DecisionCase(
      title: "a pending scheduled release switched to immediately is updated",
      recorded: recorded(laterV1, status: .scheduled), desired: v1, action: .update,
      reason: .modifiesPendingRelease(date: date("2026-12-20"), toImmediately: true)),
    DecisionCase(
      title: "a release scheduled for today has gone out: a change is a new release",
      recorded: recorded(todayV1, status: .scheduled), desired: v2, action: .create,
      reason: .recordedReleaseWentOut(requestId: "release-1", schedule: .onDate(date("2026-11-23")))),
    DecisionCase(
      title: "a release scheduled for yesterday has gone out: a change is a new release",
      recorded: recorded(yesterdayV1), desired: v2, action: .create,
      reason: .recordedReleaseWentOut(requestId: "release-1", schedule: .onDate(date("2026-11-22")))),
    DecisionCase(
      title: "a future release reported SUCCESS has gone out: a change is a new release",
      recorded: recorded(laterV1, status: .success), desired: v2, action: .create,
      reason: .recordedReleaseWentOut(requestId: "release-1", schedule: .onDate(date("2026-12-20")))),
    DecisionCase(
      title: "a future release reported ERROR is retried with CREATE, not updated",
      recorded: recorded(laterV1, status: .error), desired: tomorrowV2, action: .create,
      reason: .recordedReleaseFailed(requestId: "release-1", message: nil)),
    DecisionCase(
      title: "an immediate release with a new version: a new release",
      recorded: recorded(v1, status: .success), desired: v2, action: .create,
      reason: .recordedReleaseWentOut(requestId: "release-1", schedule: .immediately)),
  ]

  @Test("each row of the decision table", arguments: decisions)
  func decision(_ example: DecisionCase) {
    let (action, reason) = Planner.decide(desired: example.desired, recorded: example.recorded, today: today)
    #expect(action == example.action)
    #expect(reason == example.reason)
  }

  @Test("the decision table reaches every reason code, and no code is left without a row")
  func everyReasonCode() {
    #expect(Set(Self.decisions.map(\.reason.code)) == Set(ChangeReason.Code.allCases))
  }

  @Test("component order in the manifest does not make a release different")
  func componentOrder() {
    let a = content(.immediately, [(componentX, "1"), (componentY, "2")])
    let b = content(.immediately, [(componentY, "2"), (componentX, "1")])
    #expect(Planner.decide(desired: b, recorded: recorded(a), today: today).0 == .noop)
  }

  @Test("today is the date in the manifest's time zone, not in UTC")
  func timeZoneDecidesToday() throws {
    // 03:00 UTC on the 24th is still the evening of the 23rd in New York.
    let instant = try #require(Timestamp.parse("2026-11-24T03:00:00Z"))
    let newYork = try #require(TimeZone(identifier: "America/New_York"))
    let utc = try #require(TimeZone(identifier: "UTC"))
    #expect(CalendarDate.today(in: newYork, at: instant) == date("2026-11-23"))
    #expect(CalendarDate.today(in: utc, at: instant) == date("2026-11-24"))

    // So a release scheduled for the 24th is still pending in New York (UPDATE) but has gone out in UTC.
    let pending = recorded(tomorrowV1, status: .scheduled)
    let nyToday = CalendarDate.today(in: newYork, at: instant)
    let utcToday = CalendarDate.today(in: utc, at: instant)
    #expect(Planner.decide(desired: tomorrowV2, recorded: pending, today: nyToday).0 == .update)
    #expect(Planner.decide(desired: v2, recorded: pending, today: utcToday).0 == .create)
  }

  // MARK: - Whole plans

  private func manifestYAML(_ packs: String, timezone: String = "UTC") -> String {
    "version: 1\ntimezone: \(timezone)\npacks:\n" + packs
  }

  private func pack(_ id: String, name: String, release: String, version: String = "1.0") -> String {
    """
      - id: \(id)
        name: \(name)
        release: \(release)
        components: [{id: \(componentX), version: "\(version)"}]

    """
  }

  @Test("a new release dated today is refused, at the release's position")
  func dateNotInFuture() throws {
    let loaded = try manifest(manifestYAML(pack(packA, name: "a", release: "2026-11-23")))
    let (_, diagnostics) = try Planner.plan(manifest: loaded, lockfile: .empty, today: today)
    #expect(diagnostics.map(\.code) == [.dateNotInFuture])
    #expect(diagnostics.first?.mark == SourceMark(line: 6, column: 14))
    #expect(diagnostics.first?.message.contains("2026-11-23 in UTC") == true)
  }

  @Test("a past date already recorded identically is not an error: nothing would be sent")
  func pastDateRecorded() throws {
    let loaded = try manifest(manifestYAML(pack(packA, name: "a", release: "2026-11-01")))
    var lockfile = Lockfile(lineage: "l", serial: 1)
    lockfile.packs[packA] = PackRecord(
      name: "a", release: recorded(content(.onDate(date("2026-11-01")), [(componentX, "1.0")]), status: .success))
    let (plan, diagnostics) = try Planner.plan(manifest: loaded, lockfile: lockfile, today: today)
    #expect(diagnostics.isEmpty)
    #expect(plan.changes.map(\.action) == [.noop])
    #expect(!plan.hasChanges)
  }

  @Test("a pack removed from the manifest is kept and warned about, never dropped")
  func removedPack() throws {
    let loaded = try manifest(manifestYAML(pack(packA, name: "a", release: "immediately")))
    var lockfile = Lockfile(lineage: "l", serial: 1)
    lockfile.packs[packA] = PackRecord(name: "a", release: recorded(v1))
    lockfile.packs[packC] = PackRecord(name: "gone", release: recorded(v1, requestId: "release-c"))
    lockfile.retired[packB] = PackRecord(name: "long-gone", release: recorded(v1, requestId: "release-b"))
    let (plan, _) = try Planner.plan(manifest: loaded, lockfile: lockfile, today: today)
    #expect(plan.unmanaged.map(\.packId) == [packC])
    #expect(plan.unmanaged.first?.record.release?.requestId == "release-c")
    #expect(plan.changes.map(\.action) == [.noop])
    #expect(plan.hasChanges, "retiring a pack changes the lockfile, so apply has work to do")
  }

  @Test("a retired pack put back in the manifest is compared with its recorded release")
  func retiredPackReturns() throws {
    let loaded = try manifest(manifestYAML(pack(packB, name: "b", release: "immediately")))
    var lockfile = Lockfile(lineage: "l", serial: 1)
    lockfile.retired[packB] = PackRecord(name: "b", release: recorded(v1))
    let (plan, _) = try Planner.plan(manifest: loaded, lockfile: lockfile, today: today)
    #expect(plan.changes.map(\.action) == [.noop])
  }

  @Test("a pack with an unresolved intent is blocked, not planned")
  func blockedByIntent() throws {
    let loaded = try manifest(
      manifestYAML(pack(packA, name: "a", release: "immediately") + pack(packB, name: "b", release: "immediately")))
    var lockfile = Lockfile(lineage: "l", serial: 1)
    lockfile.pending = [
      Intent(
        id: "i-1", packId: packA, operation: .create, content: v1, bodyDigest: "00", createdAt: "2026-11-22T10:00:00Z")
    ]
    let (plan, _) = try Planner.plan(manifest: loaded, lockfile: lockfile, today: today)
    #expect(plan.blocked.map(\.packId) == [packA])
    #expect(plan.changes.map(\.packId) == [packB])
  }

  @Test("an intent for a pack in neither the manifest nor the lockfile's packs still blocks and is reported")
  func orphanIntent() throws {
    let loaded = try manifest(manifestYAML(pack(packA, name: "a", release: "immediately")))
    var lockfile = Lockfile(lineage: "l", serial: 1)
    lockfile.pending = [
      Intent(
        id: "i-1", packId: packC, operation: .create, content: v1, bodyDigest: "00", createdAt: "2026-11-22T10:00:00Z")
    ]
    let (plan, _) = try Planner.plan(manifest: loaded, lockfile: lockfile, today: today)
    #expect(plan.blocked.map(\.packId) == [packC])
    #expect(plan.changes.map(\.packId) == [packA])
    let (targeted, _) = try Planner.plan(
      manifest: loaded, lockfile: lockfile, today: today, selection: PackSelection(targets: [packC]))
    #expect(targeted.blocked.map(\.packId) == [packC] && targeted.changes.isEmpty)
  }

  @Test("--target and --exclude select packs by id or name; an unknown one is an error")
  func selection() throws {
    let loaded = try manifest(
      manifestYAML(
        pack(packA, name: "a", release: "immediately") + pack(packB, name: "b", release: "immediately")
          + pack(packC, name: "c", release: "immediately")))
    func planned(_ selection: PackSelection) throws -> [String] {
      try Planner.plan(manifest: loaded, lockfile: .empty, today: today, selection: selection).0.changes.map(\.packId)
    }
    #expect(try planned(PackSelection(targets: ["b"])) == [packB])
    #expect(try planned(PackSelection(targets: [packA.uppercased(), "c"])) == [packA, packC].sorted())
    #expect(try planned(PackSelection(excludes: ["a"])) == [packB, packC].sorted())
    #expect(throws: PackSelection.UnknownPack(option: "--target", value: "nope")) {
      try planned(PackSelection(targets: ["nope"]))
    }
  }

  @Test("changes are sorted by pack id whatever the manifest's order")
  func sorted() throws {
    let loaded = try manifest(
      manifestYAML(
        pack(packC, name: "c", release: "immediately") + pack(packA, name: "a", release: "immediately")
          + pack(packB, name: "b", release: "immediately")))
    let (plan, _) = try Planner.plan(manifest: loaded, lockfile: .empty, today: today)
    #expect(plan.changes.map(\.packId) == [packA, packB, packC].sorted())
    #expect(plan.summary == Plan.Summary(create: 3, update: 0, noop: 0, unmanaged: 0, blocked: 0))
  }

  @Test("component changes show old and new versions, and components the new release leaves out")
  func componentChanges() {
    let before = recorded(content(.immediately, [(componentX, "1.0"), (componentY, "4.0")]))
    let change = Change(
      packId: packA, name: nil, action: .create, reason: .noRecordedRelease, before: before,
      after: content(.immediately, [(componentX, "2.0")]))
    #expect(
      change.componentChanges
        == [
          ComponentChange(componentId: componentY, name: nil, from: "4.0", to: nil),
          ComponentChange(componentId: componentX, name: nil, from: "1.0", to: "2.0"),
        ].sorted { $0.componentId < $1.componentId })
  }
}
