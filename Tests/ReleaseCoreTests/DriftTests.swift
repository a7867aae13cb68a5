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
