import EmulatorFixtures
import Foundation
import Testing

/// `validate --remote` and `plan --refresh`: the manifest and the lockfile checked against what
/// Boomi (the emulator) says.
@Suite("remote checks and refresh")
struct RemoteChecksTests {
  @Test("validate --remote rejects a version that is not shareable with a positioned unknown-version error")
  func validateRemoteRejectsNonShareableVersion() async throws {
    try await Scenario.with { scenario in
      // Order Sync Process 2.1 exists in the demo catalog but is not shareable.
      try scenario.writeManifest(try Fixtures.exampleManifest())
      try scenario.editManifest(#"version: "2.0""#, #"version: "2.1""#)
      let lines = try scenario.manifestText().components(separatedBy: "\n")
      let lineIndex = try #require(lines.firstIndex { $0.contains(#"version: "2.1""#) })
      let column = try #require(lines[lineIndex].range(of: #""2.1""#)).lowerBound.utf16Offset(in: lines[lineIndex]) + 1

      let offline = try await scenario.run(["validate"])
      #expect(offline.status == 0, "without --remote nothing is asked of Boomi: \(offline)")

      let result = try await scenario.run(["validate", "--remote"])
      #expect(result.status == 1, "\(result)")
      let output = result.stdout + result.stderr
      #expect(output.contains("release.yaml:\(lineIndex + 1):\(column): error: "), "\(result)")
      #expect(output.contains("[unknown-version]"), "\(result)")
      #expect(output.contains("2.1"), "\(result)")

      let json = try await scenario.run(["validate", "--remote", "--format", "json"])
      #expect(json.status == 1, "\(json)")
      let diagnostic = JSON.array(JSON.parse(json.stdout)?["diagnostics"]).first {
        JSON.string($0["code"]) == "unknown-version"
      }
      #expect(diagnostic?["line"] as? Int == lineIndex + 1, "\(json)")
      #expect(diagnostic?["column"] as? Int == column, "\(json)")
      #expect(!scenario.directory.exists(Scenario.lockfile))
    }
  }

  @Test(
    "plan --refresh reads the statuses: a scheduled release Boomi reports as SUCCESS has gone out, so a change is a CREATE"
  )
  func refreshSeesSuccess() async throws {
    try await Scenario.with { scenario in
      try scenario.writeManifest(try Fixtures.exampleManifest())
      try scenario.editManifest("release: 2030-01-15", "release: 2026-12-01")
      let apply = try await scenario.run(["apply"])
      #expect(apply.status == 0, "\(apply)")
      let scheduled = try #require(try scenario.lockfile().release(Demo.billingExport))

      // The emulator's date passes the scheduled one: Boomi releases it.
      try await scenario.emulator.setToday("2026-12-02")
      #expect(try await scenario.emulator.state().releases(of: Demo.billingExport).first?.status == "SUCCESS")

      try scenario.editManifest(#"version: "3.2""#, #"version: "3.1""#)
      func billingChange(_ arguments: [String]) async throws -> [String: Any] {
        let plan = try await scenario.run(arguments + ["--format", "json"])
        #expect(plan.status == 0, "\(plan)")
        return try #require(
          JSON.array(JSON.parse(plan.stdout)?["changes"]).first { JSON.string($0["packId"]) == Demo.billingExport },
          "\(plan)")
      }
      // From the lockfile alone the release still looks pending, so the change would be an UPDATE.
      let offline = try await billingChange(["plan"])
      #expect(JSON.string(offline["action"]) == "update")
      let before = try scenario.directory.read(Scenario.lockfile)

      let refreshed = try await billingChange(["plan", "--refresh"])
      #expect(JSON.string(refreshed["action"]) == "create")
      let reason = JSON.string(refreshed["reason"]) ?? ""
      #expect(reason.contains("has gone out"), "\(reason)")
      #expect(reason.contains(scheduled.requestId), "\(reason)")
      #expect(try scenario.directory.read(Scenario.lockfile) == before, "plan --refresh wrote the lockfile")
    }
  }
}
