import ReleaseCore
import Testing

private let packId = "f0f7face-3a9d-48b1-8a32-82b84499cd4e"
private let componentId = "b420a8ab-8e4e-41b2-93ce-079093a03af2"

private func release(
  _ requestId: String, _ version: String, at appliedAt: String, status: ReleaseStatus? = .success
)
  -> RecordedRelease
{
  RecordedRelease(
    operation: .create,
    content: ReleaseContent(
      schedule: .immediately, components: [PinnedComponent(componentId: componentId, version: version)]),
    requestId: requestId, status: status, appliedAt: appliedAt)
}

private func boomi(current: String) -> PackState {
  PackState(packId: packId, components: [componentId: .init(current: current, pending: nil)])
}

/// Two runners released the pack; a lockfile merge kept both and marked it.
private let merged = PackRecord(
  name: "orders-sync", release: release("release-b", "2.1", at: "2026-11-21T10:00:00Z"),
  history: [
    release("release-0", "1.0", at: "2026-11-01T10:00:00Z"), release("release-a", "2.0", at: "2026-11-20T10:00:00Z"),
  ], needsRefresh: true)

@Suite("Settling a merged lockfile's pack from Boomi")
struct DriftSettlementTests {
  @Test("the merge's choice stays current when Boomi shows its versions, and the mark goes")
  func mergeChoiceConfirmed() throws {
    let settled = try #require(Drift.settle(merged, pack: boomi(current: "2.1")))
    #expect(settled.release?.requestId == "release-b")
    #expect(settled.history == merged.history)
    #expect(!settled.needsRefresh)
  }

  @Test("the release Boomi shows becomes current, the other goes to history by time, nothing is dropped")
  func otherReleaseIsCurrent() throws {
    let settled = try #require(Drift.settle(merged, pack: boomi(current: "2.0")))
    #expect(settled.release?.requestId == "release-a")
    #expect(settled.history.map(\.requestId) == ["release-0", "release-b"])
    #expect(!settled.needsRefresh)
  }

  @Test("when Boomi shows neither, nothing is settled, and apply's pre-flight refuses the pack")
  func neither() {
    #expect(Drift.settle(merged, pack: boomi(current: "9.9")) == nil)
    let call = ReleaseCall(
      packId: packId, name: "orders-sync", operation: .create,
      content: ReleaseContent(
        schedule: .immediately, components: [PinnedComponent(componentId: componentId, version: "3.0")]),
      previousRequestId: "release-b")
    let lockfile = Lockfile(lineage: "l", serial: 3, packs: [packId: merged])
    #expect(Drift.findings(for: [call], lockfile: lockfile, packs: [packId: boomi(current: "9.9")]).count == 1)
    #expect(
      Drift.findings(for: [call], lockfile: lockfile, packs: [packId: boomi(current: "2.0")]).first?.reason.contains(
        "release-a") == true, "planned from the wrong current release")
    #expect(Drift.findings(for: [call], lockfile: lockfile, packs: [packId: boomi(current: "2.1")]).isEmpty)
  }
}

private func call(_ version: String, schedule: ReleaseSchedule = .immediately, previous: String? = nil) -> ReleaseCall {
  ReleaseCall(
    packId: packId, name: "orders-sync", operation: .create,
    content: ReleaseContent(
      schedule: schedule, components: [PinnedComponent(componentId: componentId, version: version)]),
    previousRequestId: previous)
}

private func judged(_ call: ReleaseCall, _ record: PackRecord?, current: String) -> String? {
  let lockfile = Lockfile(lineage: "l", serial: 1, packs: record.map { [packId: $0] } ?? [:])
  return Drift.findings(for: [call], lockfile: lockfile, packs: [packId: boomi(current: current)]).first?.reason
}

@Suite("Apply's pre-flight judgement")
struct DriftJudgementTests {
  @Test("versions already current with no record of them are drift")
  func releasedElsewhere() {
    #expect(judged(call("2.0"), nil, current: "2.0")?.contains("already shows") == true)
  }

  @Test("a newer release made elsewhere than the last the lockfile records as gone out is drift")
  func newerReleaseElsewhere() {
    let record = PackRecord(release: release("release-a", "2.0", at: "2026-11-20T10:00:00Z"))
    #expect(judged(call("2.1"), record, current: "2.1")?.contains("already shows") == true)
    #expect(judged(call("2.2"), record, current: "2.1")?.contains("release-a") == true)
  }

  @Test(
    "what the lockfile explains is not drift: a schedule-only change, a retry of a failed release, a pending version")
  func explained() {
    // The scheduled release went out; the manifest now says `immediately` for the same versions.
    let scheduledOut = RecordedRelease(
      operation: .create,
      content: ReleaseContent(
        schedule: .onDate(CalendarDate(year: 2026, month: 11, day: 1)!),
        components: [PinnedComponent(componentId: componentId, version: "2.0")]),
      requestId: "release-s", status: .success, appliedAt: "2026-10-01T10:00:00Z")
    #expect(judged(call("2.0"), PackRecord(release: scheduledOut), current: "2.0") == nil)
    // A failed release retried, while Boomi shows its versions.
    let failed = PackRecord(
      release: release("release-e", "2.1", at: "2026-11-21T10:00:00Z", status: .error),
      history: [release("release-a", "2.0", at: "2026-11-20T10:00:00Z")])
    #expect(judged(call("2.1"), failed, current: "2.1") == nil)
    #expect(judged(call("2.1"), failed, current: "2.0") == nil)
    // A newly packaged version shows as pending only: nothing is concluded from it.
    let pending = PackState(packId: packId, components: [componentId: .init(current: "1.0", pending: "2.0")])
    #expect(Drift.findings(for: [call("2.0")], lockfile: .empty, packs: [packId: pending]).isEmpty)
  }

  @Test("an UPDATE of a release that has gone out since the plan is refused")
  func updateOfAReleaseGoneOut() {
    var update = call("2.1", schedule: .onDate(CalendarDate(year: 2030, month: 1, day: 15)!), previous: "release-s")
    update.operation = .update
    let record = PackRecord(release: release("release-s", "2.0", at: "2026-11-20T10:00:00Z"))
    #expect(judged(update, record, current: "2.0")?.contains("plan again") == true)
  }

  @Test("Boomi's refusal of a second scheduled release is recognised; other refusals are failures")
  func pendingRefusals() {
    #expect(
      Drift.isPendingRefusal(
        "Integration pack x already has a release scheduled for 2030-01-15. Only one release can be pending at a time.")
    )
    #expect(Drift.isPendingRefusal("Only one update per integration pack can be pending at a time."))
    #expect(!Drift.isPendingRefusal("Version 2.0 of component y is not shareable; pending approval"))
    #expect(!Drift.isPendingRefusal("releaseOnDate must be a future date"))
  }

  @Test("a merged pack whose releases are still under way is not settled, so not sent")
  func unsettledMergeWaits() {
    var record = merged
    record.release?.status = .inProgress
    #expect(Drift.settle(record, pack: boomi(current: "2.0")) == nil)
  }
}
