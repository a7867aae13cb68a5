import EmulatorFixtures
import Foundation
import TestSupport
import Testing

/// `apply --git-sync` (SPEC §10.3): a bare repository on disk is the remote, clones are the CI
/// runners, a `boomi-emulator` process is Boomi.
@Suite("apply --git-sync", .serialized)
struct GitSyncTests {
  static let sync = ["apply", "--yes", "--git-sync"]

  /// The CREATEs the emulator accepted.
  func creates(_ emulator: EmulatorProcess) async throws -> Int {
    try await emulator.requests().filter { $0.isCreate && $0.outcome == "processed" }.count
  }

  /// Waits until `condition` holds (polling), or fails after `seconds`.
  func eventually(_ what: String, within seconds: Double = 30, _ condition: () throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if try condition() { return }
      try await Task.sleep(for: .milliseconds(50))
    }
    throw HarnessError("timed out waiting until \(what)")
  }

  @Test("a run commits the lockfile alone and pushes it, and releases its lock")
  func commitsAndPushes() async throws {
    try await withEmulator { emulator in
      try await withGitRemote(manifest: try Fixtures.exampleManifest()) { remote in
        let runner = try remote.clone()
        defer { runner.remove() }
        let run = try await CLI.run(Self.sync, in: runner, emulator: emulator)
        #expect(run.status == 0, "\(run)")
        let pushed = try #require(remote.file("release.lock.json"), "the lockfile was not pushed")
        let recorded = try LockfileView.load(runner.path("release.lock.json"))
        for pack in [Demo.ordersSync, Demo.inventoryFeed, Demo.billingExport] {
          let requestId = try #require(recorded.release(pack)?.requestId)
          #expect(pushed.contains(requestId))
          #expect(run.stdout.contains(requestId), "every requestId is on stdout")
        }
        let commit = try remote.inRemote(["log", "-1", "--format=%an%n%B", "--name-only", "main"])
        #expect(commit.hasPrefix("boomi-release\nboomi-release apply: plan "), "\(commit)")
        #expect(commit.hasSuffix("release.lock.json\n"), "the commit holds the lockfile alone: \(commit)")
        #expect(try remote.locks().isEmpty, "a lock was left behind")
        #expect(try GitRemote.git(["status", "--porcelain"], in: runner.url).isEmpty, "the checkout is not clean")
      }
    }
  }

  @Test("a runner at an older commit takes the newer lockfile and sends nothing")
  func staleRunnerTakesTheNewerLockfile() async throws {
    try await withEmulator { emulator in
      try await withGitRemote(manifest: try Fixtures.exampleManifest()) { remote in
        let runnerA = try remote.clone()
        let runnerB = try remote.clone()  // checked out before A's lockfile commit
        defer {
          runnerA.remove()
          runnerB.remove()
        }
        let first = try await CLI.run(Self.sync, in: runnerA, emulator: emulator)
        #expect(first.status == 0, "\(first)")

        let stale = try await CLI.run(Self.sync, in: runnerB, emulator: emulator)
        #expect(stale.status == 0, "\(stale)")
        #expect(stale.stderr.contains("took the newer lockfile from origin/main"), "\(stale)")
        #expect(stale.stderr.contains("Nothing to apply."), "\(stale)")
        #expect(try await creates(emulator) == 3, "the stale runner released again")
        #expect(try remote.locks().isEmpty)
      }
    }
  }

  @Test("a runner whose commit is older than the remote's manifest refuses (exit 5) and sends nothing")
  func olderManifestIsRefused() async throws {
    try await withEmulator { emulator in
      let manifest = try Fixtures.exampleManifest()
      try await withGitRemote(manifest: manifest) { remote in
        let stale = try remote.clone()
        let newer = try remote.clone()
        defer {
          stale.remove()
          newer.remove()
        }
        try newer.write(
          "release.yaml", manifest.replacingOccurrences(of: "release: 2030-01-15", with: "release: 2030-02-01"))
        try remote.commitAndPush(in: newer, message: "Move billing-export")

        let run = try await CLI.run(Self.sync, in: stale, emulator: emulator)
        #expect(run.status == 5, "\(run)")
        #expect(run.stderr.contains("moved on to another manifest"), "\(run)")
        #expect(try await emulator.requests().filter { $0.isCreate || $0.isUpdate }.isEmpty)
        #expect(try remote.locks().isEmpty)
      }
    }
  }

  @Test("a commit pushed while a run is in flight is kept: the run's lockfile commit is rebuilt on it")
  func unrelatedCommitDuringTheRun() async throws {
    try await withEmulator(arguments: ["--latency-ms", "400"]) { emulator in
      try await withGitRemote(manifest: try Fixtures.exampleManifest()) { remote in
        let runner = try remote.clone()
        let other = try remote.clone()
        defer {
          runner.remove()
          other.remove()
        }
        let process = try CLI.start(Self.sync, in: runner, emulator: emulator, name: "apply")
        try await eventually("the run holds the lock") { try !remote.locks().isEmpty }
        try other.write("NOTES.md", "Unrelated work.\n")
        try remote.commitAndPush(in: other, message: "Unrelated")
        let (status, timedOut) = await process.finish(within: CLI.timeoutSeconds)
        let run = CLI.collect("apply", in: runner, status: status, timedOut: timedOut)
        #expect(run.status == 0, "\(run)")
        #expect(remote.file("NOTES.md") == "Unrelated work.\n", "the other commit was lost")
        let pushed = try #require(remote.file("release.lock.json"))
        for pack in [Demo.ordersSync, Demo.inventoryFeed, Demo.billingExport] {
          #expect(
            pushed.contains(try #require(LockfileView.load(runner.path("release.lock.json")).release(pack)).requestId))
        }
        let log = try remote.inRemote(["log", "--format=%s", "main"])
        #expect(log.hasPrefix("boomi-release apply: plan"), "\(log)")
        #expect(log.contains("Unrelated"))
      }
    }
  }

  @Test("a lockfile changed on the remote while a run is in flight is merged, keeping both sides")
  func lockfileChangedDuringTheRun() async throws {
    try await withEmulator(arguments: ["--latency-ms", "400"]) { emulator in
      let manifest = try Fixtures.exampleManifest()
      try await withGitRemote(manifest: manifest) { remote in
        let first = try remote.clone()
        defer { first.remove() }
        #expect(try await CLI.run(Self.sync, in: first, emulator: emulator).status == 0)
        try first.write(
          "release.yaml", manifest.replacingOccurrences(of: "release: 2030-01-15", with: "release: 2030-02-01"))
        try remote.commitAndPush(in: first, message: "Move billing-export")

        let runner = try remote.clone()
        let other = try remote.clone()
        defer {
          runner.remove()
          other.remove()
        }
        let process = try CLI.start(Self.sync, in: runner, emulator: emulator, name: "apply")
        try await eventually("the run holds the lock") { try !remote.locks().isEmpty }
        // Another runner's lockfile commit reaches the remote mid-run.
        var theirs = try #require(JSON.parse(try other.read("release.lock.json")))
        theirs["appliedPlans"] = JSON.strings(theirs["appliedPlans"]) + ["plan-from-another-runner"]
        theirs["serial"] = (theirs["serial"] as? Int ?? 0) + 1
        let bytes = try JSONSerialization.data(withJSONObject: theirs, options: [.prettyPrinted, .sortedKeys])
        try other.write("release.lock.json", String(decoding: bytes, as: UTF8.self) + "\n")
        try remote.commitAndPush(in: other, message: "Another runner's lockfile")

        let (status, timedOut) = await process.finish(within: CLI.timeoutSeconds)
        let run = CLI.collect("apply", in: runner, status: status, timedOut: timedOut)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("merged the lockfile"), "\(run)")
        let merged = try #require(remote.file("release.lock.json"))
        #expect(merged.contains("plan-from-another-runner"), "the other runner's change was lost")
        let local = try LockfileView.load(runner.path("release.lock.json"))
        let update = try #require(local.release(Demo.billingExport))
        #expect(update.operation == .update)
        #expect(merged.contains(update.requestId), "this run's release was lost")
        #expect(try String(decoding: runner.read("release.lock.json"), as: UTF8.self) == merged)
        #expect(try remote.locks().isEmpty)
      }
    }
  }
}
