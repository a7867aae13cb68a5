import Foundation
import Testing

@testable import ReleaseCore

private func source(_ path: String) throws -> SourceText {
  SourceText(path: path, bytes: Array(try Data(contentsOf: packageRoot.appendingPathComponent(path))))
}

@Suite("Shipped examples")
struct ExamplesTests {
  static let manifests = ["manifests/release.yaml", "manifests/shared-components.yaml", "manifests/multi-team.yaml"]

  @Test("every example manifest loads without a single diagnostic", arguments: manifests)
  func manifestLoads(_ path: String) throws {
    let (manifest, diagnostics) = ManifestLoader.load(try source(path))
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    #expect(manifest?.packs.isEmpty == false)
  }

  @Test("the shared-components example expands its aliases")
  func sharedComponents() throws {
    let manifest = try #require(ManifestLoader.load(try source("manifests/shared-components.yaml")).0)
    #expect(manifest.packs.map(\.components.count) == [2, 2])
    #expect(manifest.packs[1].components.map(\.name) == ["Audit Logger", "REST Connector"])
  }

  @Test("the example lockfile is valid and in the tool's own canonical encoding")
  func lockfileIsCanonical() throws {
    let lockfileSource = try source("examples/release.lock.json")
    let lockfile = try #require(LockfileFormat.decode(lockfileSource).0)
    #expect(LockfileFormat.encode(lockfile) == lockfileSource.bytes)
  }

  @Test("planning the quick-start manifest against the example lockfile shows each kind of decision")
  func examplePlan() throws {
    let manifest = try #require(ManifestLoader.load(try source("manifests/release.yaml")).0)
    let lockfile = try #require(LockfileFormat.decode(try source("examples/release.lock.json")).0)
    let (plan, diagnostics) = try Planner.plan(manifest: manifest, lockfile: lockfile, today: date("2026-11-23"))
    #expect(diagnostics.isEmpty)
    #expect(plan.summary == Plan.Summary(create: 1, update: 1, noop: 1, unmanaged: 1, blocked: 0))
  }

  @Test("the example saved plan names the example manifest and lockfile relative to itself, and would be applied")
  func savedPlan() throws {
    let saved = try #require(SavedPlanFormat.decode(try source("examples/plan.json")).0)
    let manifestSource = try source("manifests/release.yaml")
    #expect(saved.manifestPath == "../manifests/release.yaml")
    #expect(saved.lockfilePath == "release.lock.json")
    #expect(saved.manifestSHA256 == Digest.sha256(manifestSource.bytes))
    #expect(saved.lockfileSerial == 4)
    #expect(saved.calls.map(\.operation) == [.update, .create])
    let manifest = try #require(ManifestLoader.load(manifestSource).0)
    let lockfile = try #require(LockfileFormat.decode(try source("examples/release.lock.json")).0)
    let refusals = SavedPlanCheck.refusals(
      saved, manifest: manifest, manifestBytes: manifestSource.bytes, lockfile: lockfile, today: date("2026-11-23"),
      account: "acme-8Q78Q1")
    #expect(refusals.isEmpty, "\(refusals)")
  }
}
