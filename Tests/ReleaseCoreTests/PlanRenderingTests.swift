import Foundation
import Testing

@testable import ReleaseCore

/// A plan with one of everything: each action, a removed pack and a blocked pack.
func samplePlan() throws -> Plan {
  let loaded = try manifest(
    """
    version: 1
    timezone: America/New_York
    packs:
      - id: \(packA)
        name: orders-sync
        release: 2026-12-20
        components:
          - {id: \(componentX), version: "2.1", name: Order Sync Process}
          - {id: \(componentY), version: "1.10"}
      - id: \(packB)
        name: billing|ledger
        release: immediately
        components:
          - {id: \(componentX), version: "3.0"}
      - id: 11111111-2222-4333-8444-555555555555
        name: inventory
        release: immediately
        components:
          - {id: \(componentY), version: "1.0"}
      - id: 22222222-2222-4333-8444-555555555555
        name: brand-new
        release: 2027-01-15
        components:
          - {id: \(componentY), version: "0.9"}
      - id: 33333333-2222-4333-8444-555555555555
        name: stuck
        release: immediately
        components:
          - {id: \(componentY), version: "0.9"}
    """)
  func release(
    _ schedule: ReleaseSchedule, _ versions: [(String, String)], _ status: ReleaseStatus?, _ id: String
  )
    -> RecordedRelease
  {
    RecordedRelease(
      operation: .create,
      content: ReleaseContent(
        schedule: schedule, components: versions.map { PinnedComponent(componentId: $0.0, version: $0.1) }),
      requestId: id, status: status, appliedAt: "2026-11-01T10:00:00Z")
  }
  var lockfile = Lockfile(lineage: "lineage-1", serial: 3)
  lockfile.packs[packA] = PackRecord(
    name: "orders-sync",
    release: release(.onDate(date("2026-12-20")), [(componentX, "2.0"), (componentY, "1.10")], .scheduled, "release-a"))
  lockfile.packs[packB] = PackRecord(
    name: "billing|ledger", release: release(.immediately, [(componentX, "2.0")], .success, "release-b"))
  lockfile.packs["11111111-2222-4333-8444-555555555555"] = PackRecord(
    name: "inventory", release: release(.immediately, [(componentY, "1.0")], .success, "release-i"))
  lockfile.packs[packC] = PackRecord(
    name: "legacy", release: release(.immediately, [(componentY, "0.1")], .success, "release-c"))
  lockfile.pending = [
    Intent(
      id: "intent-1", packId: "33333333-2222-4333-8444-555555555555", operation: .create,
      content: ReleaseContent(schedule: .immediately, components: []), bodyDigest: "00",
      createdAt: "2026-11-22T09:00:00Z")
  ]
  return try Planner.plan(manifest: loaded, lockfile: lockfile, today: date("2026-11-23")).0
}

@Suite("Plan rendering")
struct PlanRenderingTests {
  @Test("text rendering matches its golden")
  func text() throws {
    try assertGolden(PlanTextRenderer().render(samplePlan()), named: "plan.txt")
  }

  @Test("text rendering with colour matches its golden")
  func coloredText() throws {
    try assertGolden(PlanTextRenderer(style: .colored).render(samplePlan()), named: "plan-color.txt")
  }

  @Test("JSON rendering matches its golden and carries the fields SPEC §5.2 names")
  func json() throws {
    let text = PlanJSONRenderer.render(try samplePlan())
    try assertGolden(text, named: "plan.json")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["formatVersion"] as? String == "1")
    let changes = try #require(object["changes"] as? [[String: Any]])
    for key in ["packId", "name", "action", "reason", "releaseSchedule", "components"] {
      #expect(changes.allSatisfy { $0[key] != nil }, "every change has \(key)")
    }
    let summary = try #require(object["summary"] as? [String: Int])
    #expect(summary["create"] == 2 && summary["update"] == 1 && summary["noop"] == 1)
  }

  @Test("Markdown rendering matches its golden")
  func markdown() throws {
    try assertGolden(PlanMarkdownRenderer().render(samplePlan()), named: "plan.md")
  }

  @Test("a huge plan's Markdown stays under the limit, with a note saying how many packs were cut")
  func markdownTruncation() throws {
    let changes = (0..<2_000).map { index in
      Change(
        packId: String(format: "%08d-0000-4000-8000-000000000000", index), name: "pack-\(index)", action: .create,
        reason: .noRecordedRelease, before: nil,
        after: ReleaseContent(
          schedule: .immediately, components: [PinnedComponent(componentId: componentX, version: "1.0")]))
    }
    let plan = Plan(changes: changes, today: date("2026-11-23"), timeZone: "UTC")
    let text = PlanMarkdownRenderer().render(plan)
    #expect(text.count <= 60_000)
    let shownRows = text.split(separator: "\n").filter { $0.hasPrefix("| ➕") }.count
    #expect(shownRows > 100)
    #expect(text.contains("…and \(2_000 - shownRows) more packs not shown"))
  }

  @Test("a plan with nothing to do says so")
  func noChanges() {
    let plan = Plan(changes: [], today: date("2026-11-23"), timeZone: "UTC")
    #expect(PlanTextRenderer().render(plan).hasPrefix("No changes"))
    #expect(PlanTextRenderer().render(plan).hasSuffix("Plan: 0 to create, 0 to update, 0 unchanged.\n"))
    #expect(PlanMarkdownRenderer().render(plan).contains("No releases to send."))
  }
}
