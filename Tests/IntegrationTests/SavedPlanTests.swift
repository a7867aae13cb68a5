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

  /// Rewrites `plan.json` with `edit` applied to its JSON object.
  static func editPlan(_ scenario: Scenario, _ edit: (inout [String: Any]) -> Void) throws {
    var plan = try #require(JSON.parse(try scenario.directory.read("plan.json")))
    edit(&plan)
    let data = try JSONSerialization.data(withJSONObject: plan, options: [.prettyPrinted, .sortedKeys])
    try scenario.directory.write("plan.json", String(decoding: data, as: UTF8.self))
  }

  @Test("an edited plan that releases a pack the manifest does not is refused (exit 5), and nothing is sent")
  func foreignPackRefused() async throws {
    try await Self.withSavedPlan { scenario in
      let foreign = UUID().uuidString.lowercased()
      try Self.editPlan(scenario) { plan in
        var changes = JSON.array(plan["changes"])
        var extra = changes[0]
        extra["packId"] = foreign
        extra["name"] = "foreign"
        changes.append(extra)
        plan["changes"] = changes
      }
      let apply = try await scenario.run(["apply", "plan.json"])
      try await Self.expectRefused(
        apply, saying: "the plan releases foreign, which the manifest it pins does not call for", scenario)
    }
  }

  @Test("an edited plan whose version differs from the manifest's is refused (exit 5)")
  func editedVersionRefused() async throws {
    try await Self.withSavedPlan { scenario in
      try Self.editPlan(scenario) { plan in
        var changes = JSON.array(plan["changes"])
        changes[0]["components"] = [["componentId": Self.packs[0].componentId, "version": "1.3"]]
        plan["changes"] = changes
      }
      let apply = try await scenario.run(["apply", "plan.json"])
      try await Self.expectRefused(apply, saying: "differs from the one the manifest it pins calls for", scenario)
    }
  }

  @Test("a plan naming its files by absolute paths is refused (exit 5), whatever they hold")
  func absolutePathsRefused() async throws {
    try await Self.withSavedPlan { scenario in
      let manifest = scenario.directory.path(Scenario.manifest)
      try Self.editPlan(scenario) { plan in
        var pinned = JSON.object(plan["manifest"])
        pinned["path"] = manifest
        plan["manifest"] = pinned
      }
      let apply = try await scenario.run(["apply", "plan.json"])
      try await Self.expectRefused(apply, saying: "names its manifest by an absolute path (\(manifest))", scenario)
    }
  }

  @Test(
    "-f or --lockfile naming other files than the plan's is refused (exit 5), naming both",
    arguments: [
      (["-f", "other.yaml"], "was made from the manifest release.yaml, but -f names other.yaml"),
      (
        ["--lockfile", "other.lock.json"],
        "was made from the lockfile release.lock.json, but --lockfile names other.lock.json"
      ),
    ])
  func disagreeingPathsRefused(options: [String], message: String) async throws {
    try await Self.withSavedPlan { scenario in
      try scenario.directory.write("other.yaml", try scenario.manifestText())
      let apply = try await scenario.run(["apply", "plan.json"] + options)
      try await Self.expectRefused(apply, saying: message, scenario)
      #expect(!scenario.directory.exists("other.lock.json"))
      // Naming the plan's own files is allowed.
      let same = try await scenario.run([
        "apply", "plan.json", "-f", "./release.yaml", "--lockfile", "release.lock.json",
      ])
      #expect(same.status == 0, "\(same)")
    }
  }

  @Test("a plan saved in another directory names its files relative to itself and applies from anywhere")
  func planInAnotherDirectory() async throws {
    try await Scenario.with(packs: Self.packs) { scenario in
      try scenario.writeManifest(Fixtures.manifest(Self.packs))
      try FileManager.default.createDirectory(
        atPath: scenario.directory.path("out"), withIntermediateDirectories: true)
      let plan = try await scenario.run(["plan", "--out", "out/plan.json"])
      #expect(plan.status == 0, "\(plan)")
      let saved = try #require(JSON.parse(try scenario.directory.read("out/plan.json")))
      #expect(JSON.string(JSON.object(saved["manifest"])["path"]) == "../release.yaml")
      #expect(JSON.string(JSON.object(saved["lockfile"])["path"]) == "../release.lock.json")
      let apply = try await scenario.run(["apply", "out/plan.json"])
      #expect(apply.status == 0, "\(apply)")
      #expect(try scenario.lockfile().requestIds.count == 2)
    }
  }
}
