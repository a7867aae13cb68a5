import EmulatorFixtures
import Foundation
import TestSupport
import Testing

/// `apply --emulator`: the whole flow with no account, the emulator running inside the tool
/// and keeping its state beside the lockfile.
@Suite("apply --emulator")
struct EmbeddedEmulatorTests {
  @Test(
    "apply --emulator creates, then has nothing to apply, then UPDATEs a moved date, keeping state beside the lockfile")
  func embeddedFlow() async throws {
    try await withTemporaryDirectory { directory in
      try directory.write("release.yaml", try Fixtures.exampleManifest())
      func apply() async throws -> CLIResult {
        // No emulator subprocess and no connection settings at all.
        try await CLI.run(["apply", "--emulator"], in: directory, emulator: nil)
      }

      let first = try await apply()
      #expect(first.status == 0, "\(first)")
      #expect(first.stderr.contains("built-in Boomi emulator"), "\(first)")
      #expect(directory.exists("release.emulator.lock.json"))
      #expect(directory.exists("release.emulator.state.json"))
      let created = try LockfileView.load(directory.path("release.emulator.lock.json"))
      #expect(created.lockfile.packs.count == 3)
      #expect(created.lockfile.pending.isEmpty)
      let firstBilling = try #require(created.release(Demo.billingExport))
      #expect(firstBilling.operation == .create)

      let second = try await apply()
      #expect(second.status == 0, "\(second)")
      #expect(second.stderr.contains("Nothing to apply."), "\(second)")
      #expect(try LockfileView.load(directory.path("release.emulator.lock.json")).lockfile == created.lockfile)

      let manifest = String(decoding: try directory.read("release.yaml"), as: UTF8.self)
      try directory.write(
        "release.yaml", manifest.replacingOccurrences(of: "release: 2030-01-15", with: "release: 2030-02-01"))
      let third = try await apply()
      #expect(third.status == 0, "\(third)")
      #expect(third.stdout.contains("billing-export: UPDATE accepted"), "\(third)")
      let updated = try LockfileView.load(directory.path("release.emulator.lock.json"))
      let billing = try #require(updated.release(Demo.billingExport))
      #expect(billing.operation == .update)
      #expect(billing.content.schedule.date?.description == "2030-02-01")
      #expect(updated.lockfile.packs[Demo.billingExport]?.history.map(\.requestId) == [firstBilling.requestId])
      // The emulator's saved state knows the release by both of its requestIds.
      let state = String(decoding: try directory.read("release.emulator.state.json"), as: UTF8.self)
      #expect(state.contains(firstBilling.requestId))
      #expect(state.contains(billing.requestId))
    }
  }

  @Test("plan --refresh --emulator beside a running emulator on the same state refuses (exit 4) and changes nothing")
  func oneEmulatorPerState() async throws {
    try await withTemporaryDirectory { directory in
      try directory.write("release.yaml", try Fixtures.exampleManifest())
      let apply = try await CLI.run(["apply", "--emulator", "--yes"], in: directory, emulator: nil)
      #expect(apply.status == 0, "\(apply)")
      // Another emulator (as an `apply --emulator` in flight would be) holds the state file.
      try await withEmulator(arguments: ["--state-file", directory.path("release.emulator.state.json")]) { _ in
        let state = try directory.read("release.emulator.state.json")
        let refresh = try await CLI.run(["plan", "--refresh", "--emulator"], in: directory, emulator: nil)
        #expect(refresh.status == 4, "\(refresh)")
        #expect(refresh.stderr.contains("in use by another emulator"), "\(refresh)")
        #expect(try directory.read("release.emulator.state.json") == state, "the refused run wrote the state")
      }
      let after = try await CLI.run(
        ["plan", "--refresh", "--emulator", "--detailed-exitcode"], in: directory, emulator: nil)
      #expect(after.status == 0, "\(after)")
    }
  }
}
