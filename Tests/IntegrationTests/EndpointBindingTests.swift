import Foundation
import TestSupport
import Testing

/// A lockfile belongs to the endpoint its releases were made against (SPEC §10.1).
@Suite("Endpoint binding")
struct EndpointBindingTests {
  @Test("the README's first command leaves nothing that a real plan would take for Boomi's state")
  func emulatorRunLeavesTheRealLockfileAlone() async throws {
    try await withTemporaryDirectory { directory in
      try directory.write("release.yaml", try Fixtures.exampleManifest())
      let apply = try await CLI.run(["apply", "--emulator", "--yes"], in: directory, emulator: nil)
      #expect(apply.status == 0, "\(apply)")
      #expect(!directory.exists("release.lock.json"), "an emulator run wrote the real lockfile")
      let emulated = try LockfileView.load(directory.path("release.emulator.lock.json"))
      #expect(emulated.lockfile.endpoint == "emulator")
      #expect(emulated.lockfile.packs.count == 3)

      // A real plan (no network needed) still has everything to release.
      let plan = try await CLI.run(["plan", "--detailed-exitcode"], in: directory, emulator: nil)
      #expect(plan.status == 2, "\(plan)")
      #expect(
        plan.stdout.components(separatedBy: "create: no release of this pack is recorded").count - 1 == 3, "\(plan)")
    }
  }

  @Test("a v1 lockfile written by an emulator run is refused by a real run, naming both endpoints")
  func legacyEmulatorLockfileIsRefused() async throws {
    try await withTemporaryDirectory { directory in
      try directory.write("release.yaml", try Fixtures.exampleManifest())
      // What the README's first command wrote before endpoints were recorded: the emulator's
      // releases in the manifest's own lockfile.
      let apply = try await CLI.run(
        ["apply", "--emulator", "--yes", "--lockfile", "release.lock.json"], in: directory, emulator: nil)
      #expect(apply.status == 0, "\(apply)")
      var legacy = try String(decoding: directory.read("release.lock.json"), as: UTF8.self)
      legacy = legacy.replacingOccurrences(of: #"  "endpoint": "emulator",\#n"#, with: "")
      try #require(!legacy.contains("endpoint") && legacy.contains("127.0.0.1"))
      try directory.write("release.lock.json", legacy)

      for command in [["plan"], ["apply", "--yes"], ["status"]] {
        let result = try await CLI.run(command, in: directory, emulator: nil)
        #expect(result.status == 1, "\(command): \(result)")
        #expect(result.stderr.contains("[endpoint-mismatch]"), "\(command): \(result)")
        #expect(result.stderr.contains("https://api.boomi.com"), "\(command): \(result)")
        #expect(result.stderr.contains("written by an emulator run"), "\(command): \(result)")
      }
      #expect(try String(decoding: directory.read("release.lock.json"), as: UTF8.self) == legacy)
      // The emulator still reads it as its own.
      let again = try await CLI.run(
        ["plan", "--emulator", "--lockfile", "release.lock.json", "--detailed-exitcode"], in: directory,
        emulator: nil)
      #expect(again.status == 0, "\(again)")
    }
  }

  @Test("a lockfile of Boomi's releases is refused by --emulator, and by another Boomi platform, and left unchanged")
  func realLockfileIsNeverMixed() async throws {
    try await withEmulator { emulator in
      try await withTemporaryDirectory { directory in
        try directory.write("release.yaml", try Fixtures.exampleManifest())
        let apply = try await CLI.run(["apply", "--yes"], in: directory, emulator: emulator)
        #expect(apply.status == 0, "\(apply)")
        let lockfile = try directory.read("release.lock.json")
        let recorded = try LockfileView.load(directory.path("release.lock.json")).lockfile
        #expect(recorded.endpoint == "http://127.0.0.1", "the endpoint is the scheme and host of BOOMI_API_URL")

        let emulated = try await CLI.run(
          ["apply", "--emulator", "--yes", "--lockfile", "release.lock.json"], in: directory, emulator: nil)
        #expect(emulated.status == 1, "\(emulated)")
        #expect(emulated.stderr.contains("[endpoint-mismatch]"), "\(emulated)")
        #expect(emulated.stderr.contains("http://127.0.0.1"), "\(emulated)")

        let elsewhere = try await CLI.run(
          ["plan"], in: directory, emulator: emulator,
          env: ["BOOMI_API_URL": "https://api.platform.gb.boomi.com/api/rest/v1"])
        #expect(elsewhere.status == 1, "\(elsewhere)")
        #expect(
          elsewhere.stderr.contains("made against http://127.0.0.1")
            && elsewhere.stderr.contains("against https://api.platform.gb.boomi.com"), "\(elsewhere)")

        #expect(try directory.read("release.lock.json") == lockfile, "a refused run wrote the lockfile")
        #expect(!directory.exists("release.state.json"), "a refused run started the emulator")
        // The same platform on another port (a restarted emulator) is the same endpoint.
        let same = try await CLI.run(["plan", "--detailed-exitcode"], in: directory, emulator: emulator)
        #expect(same.status == 0, "\(same)")
      }
    }
  }
}
