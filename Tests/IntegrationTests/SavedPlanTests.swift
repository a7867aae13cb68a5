import Foundation
import TestSupport
import Testing

/// `plan --out FILE` then `apply FILE`: exactly that plan, or a refusal (exit 5) when it no
/// longer describes the world.
@Suite("saved plans")
struct SavedPlanTests {
  static let packs = TestPack.many(2)

  /// A scenario with a two-pack manifest and its saved plan in `plan.json`.
  static func withSavedPlan(
    packs: [TestPack] = SavedPlanTests.packs, env: [String: String] = [:], _ body: (Scenario) async throws -> Void
  ) async throws {
    try await Scenario.with(packs: packs) { scenario in
      try scenario.writeManifest(Fixtures.manifest(packs))
      let plan = try await scenario.run(["plan", "--out", "plan.json"], env: env)
      #expect(plan.status == 0, "\(plan)")
      #expect(plan.stderr.contains("Saved the plan to plan.json"), "\(plan)")
      try await body(scenario)
    }
  }

  static func expectRefused(_ apply: CLIResult, saying message: String, _ scenario: Scenario) async throws {
    #expect(apply.status == 5, "\(apply)")
    #expect(apply.stderr.contains(message), "\(apply)")
    #expect(
      try await scenario.emulator.requests().filter { $0.isCreate || $0.isUpdate }.isEmpty, "a refused plan sent calls")
  }

  @Test("a fresh saved plan is applied as saved, and its planId is recorded in appliedPlans")
  func freshPlanApplies() async throws {
    try await Self.withSavedPlan { scenario in
      let saved = try #require(JSON.parse(try scenario.directory.read("plan.json")))
      let planId = try #require(JSON.string(saved["planId"]))
      let apply = try await scenario.run(["apply", "plan.json"])
      #expect(apply.status == 0, "\(apply)")
      let lockfile = try scenario.lockfile()
      #expect(lockfile.lockfile.appliedPlans == [planId])
      for pack in Self.packs { #expect(lockfile.release(pack.id)?.planId == planId) }
      #expect(try await scenario.emulator.requests().filter { $0.isCreate }.count == 2)
    }
  }

  @Test("a saved plan is refused (exit 5) when the manifest changed since it was made")
  func manifestChanged() async throws {
    try await Self.withSavedPlan { scenario in
      try scenario.writeManifest(try scenario.manifestText() + "# an edit\n")
      let apply = try await scenario.run(["apply", "plan.json"])
      try await Self.expectRefused(apply, saying: "release.yaml changed since the plan was made", scenario)
    }
  }

  @Test("a saved plan is refused (exit 5) when the lockfile changed since it was made")
  func lockfileChanged() async throws {
    try await Self.withSavedPlan { scenario in
      let other = try await scenario.run(["apply", "--target", Self.packs[0].name])
      #expect(other.status == 0, "\(other)")
      let creates = try await scenario.emulator.requests().filter { $0.isCreate }.count
      let apply = try await scenario.run(["apply", "plan.json"])
      #expect(apply.status == 5, "\(apply)")
      #expect(apply.stderr.contains("release.lock.json changed since the plan was made"), "\(apply)")
      #expect(try await scenario.emulator.requests().filter { $0.isCreate }.count == creates)
    }
  }

  @Test("a saved plan is refused (exit 5) when it was already applied")
  func alreadyApplied() async throws {
    try await Self.withSavedPlan { scenario in
      let first = try await scenario.run(["apply", "plan.json"])
      #expect(first.status == 0, "\(first)")
      let planId = try #require(JSON.string(JSON.parse(try scenario.directory.read("plan.json"))?["planId"]))
      let again = try await scenario.run(["apply", "plan.json"])
      #expect(again.status == 5, "\(again)")
      #expect(again.stderr.contains("plan \(planId) was already applied"), "\(again)")
      #expect(try await scenario.emulator.requests().filter { $0.isCreate }.count == 2)
    }
  }

  @Test("a saved plan is refused (exit 5) when a date it schedules is no longer in the future")
  func dateNoLongerInFuture() async throws {
    var packs = TestPack.many(1)
    packs[0].release = "2026-12-01"
    try await Self.withSavedPlan(packs: packs, env: ["BOOMI_RELEASE_NOW": "2026-11-23T12:00:00Z"]) { scenario in
      let apply = try await scenario.run(["apply", "plan.json"], env: ["BOOMI_RELEASE_NOW": "2026-12-05T12:00:00Z"])
      try await Self.expectRefused(
        apply, saying: "schedules \(packs[0].name) for 2026-12-01, which is no longer after today (2026-12-05)",
        scenario)
    }
  }
}
