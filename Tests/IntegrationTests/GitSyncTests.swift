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
    // Slow enough calls that the other commit lands while the run is still sending, even on a
    // loaded machine.
    try await withEmulator(arguments: ["--latency-ms", "2500"]) { emulator in
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
    try await withEmulator(arguments: ["--latency-ms", "2500"]) { emulator in
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

  @Test("two runners at once: one waits for the other's lock, and each pack is released exactly once")
  func twoRunnersWait() async throws {
    try await withEmulator(arguments: ["--latency-ms", "2000"]) { emulator in
      try await withGitRemote(manifest: try Fixtures.exampleManifest()) { remote in
        let runnerA = try remote.clone()
        let runnerB = try remote.clone()
        defer {
          runnerA.remove()
          runnerB.remove()
        }
        let arguments = Self.sync + ["--lock-timeout", "60"]
        let a = try CLI.start(arguments, in: runnerA, emulator: emulator, name: "a")
        let b = try CLI.start(arguments, in: runnerB, emulator: emulator, name: "b")
        let (statusA, timedOutA) = await a.finish(within: CLI.timeoutSeconds)
        let (statusB, timedOutB) = await b.finish(within: CLI.timeoutSeconds)
        let runA = CLI.collect("a", in: runnerA, status: statusA, timedOut: timedOutA)
        let runB = CLI.collect("b", in: runnerB, status: statusB, timedOut: timedOutB)
        #expect(runA.status == 0, "\(runA)")
        #expect(runB.status == 0, "\(runB)")
        #expect(
          runA.stderr.contains("Waiting for the lock held by e2e-tester on")
            || runB.stderr.contains("Waiting for the lock held by e2e-tester on"), "\(runA)\n\(runB)")
        #expect(try await creates(emulator) == 3, "a pack was released twice")
        #expect(try remote.locks().isEmpty, "a lock was left behind")
      }
    }
  }

  @Test("two runners at once without waiting: the second fails at once (exit 4) naming the holder")
  func twoRunnersFailFast() async throws {
    try await withEmulator(arguments: ["--latency-ms", "3000"]) { emulator in
      try await withGitRemote(manifest: try Fixtures.exampleManifest()) { remote in
        let runnerA = try remote.clone()
        let runnerB = try remote.clone()
        defer {
          runnerA.remove()
          runnerB.remove()
        }
        let a = try CLI.start(Self.sync, in: runnerA, emulator: emulator, name: "a")
        try await eventually("A holds the lock") { try !remote.locks().isEmpty }
        let runB = try await CLI.run(Self.sync, in: runnerB, emulator: emulator)
        let (status, timedOut) = await a.finish(within: CLI.timeoutSeconds)
        let runA = CLI.collect("a", in: runnerA, status: status, timedOut: timedOut)
        #expect(runA.status == 0, "\(runA)")
        #expect(runB.status == 4, "\(runB)")
        #expect(runB.stderr.contains("is held by e2e-tester on"), "\(runB)")
        #expect(runB.stderr.contains("--lock-timeout"), "\(runB)")
        #expect(try await creates(emulator) == 3)
        #expect(try remote.locks().isEmpty)
      }
    }
  }

  @Test("a runner killed holding the lock: the next takes the expired lock over with a notice and sees its intents")
  func killedHolder() async throws {
    try await withEmulator(arguments: ["--latency-ms", "3000"]) { emulator in
      try await withGitRemote(manifest: try Fixtures.exampleManifest()) { remote in
        let runner = try remote.clone()
        defer { runner.remove() }
        let killed = try CLI.start(
          Self.sync + ["--lock-expiry", "2"], in: runner, emulator: emulator, name: "killed")
        try await eventually("an intent is on disk") {
          (try? LockfileView.load(runner.path("release.lock.json")))?.lockfile.pending.isEmpty == false
        }
        killed.send(SIGKILL)
        _ = await killed.finish(within: 10)
        #expect(try remote.locks().count == 1, "the killed run's lock is in the remote")

        // The next job on the same checkout.
        let next = try await CLI.run(Self.sync + ["--lock-timeout", "30"], in: runner, emulator: emulator)
        #expect(next.stderr.contains("took over the lock held by e2e-tester on"), "\(next)")
        #expect(next.stderr.contains("which expired"), "\(next)")
        #expect(next.status == 3, "the killed run's attempts block their packs until recover: \(next)")
        #expect(next.stdout.contains("recover"), "\(next)")
        #expect(try remote.locks().isEmpty)
        let pushed = try #require(remote.file("release.lock.json"), "the intents were not pushed")
        #expect(pushed.contains("\"pending\""))
        let message = try remote.inRemote(["log", "-1", "--format=%B", "main"])
        #expect(message.contains("attempt") && message.contains("outcome unknown"), "\(message)")
      }
    }
  }

  @Test("SIGTERM stops sending, still pushes what was recorded, and releases the lock")
  func terminated() async throws {
    try await withEmulator(arguments: ["--latency-ms", "2500"]) { emulator in
      try await withGitRemote(manifest: try Fixtures.exampleManifest()) { remote in
        let runner = try remote.clone()
        defer { runner.remove() }
        let run = try CLI.start(Self.sync + ["--concurrency", "1"], in: runner, emulator: emulator, name: "run")
        try await eventually("the first release is recorded") {
          (try? LockfileView.load(runner.path("release.lock.json")))?.lockfile.packs.isEmpty == false
        }
        run.send(SIGTERM)
        let (status, timedOut) = await run.finish(within: CLI.timeoutSeconds)
        let result = CLI.collect("run", in: runner, status: status, timedOut: timedOut)
        #expect(result.status == 143, "\(result)")
        #expect(result.stderr.contains("SIGTERM"), "\(result)")
        let local = try LockfileView.load(runner.path("release.lock.json")).lockfile
        #expect(local.pending.isEmpty, "the call on the wire was finished and recorded")
        #expect(local.packs.count < 3, "it stopped sending")
        let pushed = try #require(remote.file("release.lock.json"))
        for record in local.packs.values { #expect(pushed.contains(try #require(record.release).requestId)) }
        #expect(try remote.locks().isEmpty)
      }
    }
  }
}

extension GitSyncTests {
  @Test("a lockfile in a subdirectory is found, committed and pushed by its path in the repository")
  func lockfileInASubdirectory() async throws {
    try await withEmulator { emulator in
      let remote = try GitRemote(files: ["deploy/packs.yaml": try Fixtures.exampleManifest()])
      defer { remote.remove() }
      let runner = try remote.clone()
      defer { runner.remove() }
      let run = try await CLI.run(Self.sync + ["-f", "deploy/packs.yaml"], in: runner, emulator: emulator)
      #expect(run.status == 0, "\(run)")
      #expect(remote.file("deploy/packs.lock.json") != nil, "the lockfile was not pushed")
      #expect(try GitRemote.git(["status", "--porcelain"], in: runner.url).isEmpty, "the checkout is not clean")
      let again = try await CLI.run(Self.sync + ["-f", "deploy/packs.yaml"], in: runner, emulator: emulator)
      #expect(again.status == 0, "\(again)")
      #expect(again.stderr.contains("Nothing to apply."), "\(again)")
    }
  }

  @Test("a push the remote keeps refusing: exit 1, every requestId printed, the lockfile kept, the lock released")
  func pushRefusedForGood() async throws {
    try await withEmulator { emulator in
      try await withGitRemote(manifest: try Fixtures.exampleManifest()) { remote in
        let runner = try remote.clone()
        defer { runner.remove() }
        // A protected branch: the remote refuses every update of main (the lock's ref is allowed).
        let hook = remote.bare + "/hooks/pre-receive"
        try "#!/bin/sh\nwhile read old new ref; do [ \"$ref\" = refs/heads/main ] && exit 1; done\nexit 0\n"
          .write(toFile: hook, atomically: true, encoding: .utf8)
        chmod(hook, 0o755)
        let run = try await CLI.run(Self.sync, in: runner, emulator: emulator)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("could not push the lockfile"), "\(run)")
        let local = try LockfileView.load(runner.path("release.lock.json"))
        for pack in [Demo.ordersSync, Demo.inventoryFeed, Demo.billingExport] {
          let requestId = try #require(local.release(pack)).requestId
          #expect(run.stdout.contains(requestId) && run.stderr.contains("was not pushed"), "\(run)")
        }
        #expect(try remote.locks().isEmpty, "a lock was left behind")
      }
    }
  }
}

/// Broken surroundings: each a clear error, and nothing sent.
@Suite("apply --git-sync refuses broken surroundings")
struct GitSyncRefusalTests {
  @discardableResult
  func refused(
    _ expectedStatus: Int32, _ message: String, env: [String: String] = [:],
    arrange: (GitRemote, TemporaryDirectory) throws -> Void
  ) async throws -> CLIResult {
    try await withEmulator { emulator in
      try await withGitRemote(manifest: try Fixtures.exampleManifest()) { remote in
        let runner = try remote.clone()
        defer { runner.remove() }
        try arrange(remote, runner)
        let run = try await CLI.run(GitSyncTests.sync, in: runner, emulator: emulator, env: env)
        #expect(run.status == expectedStatus, "\(run)")
        #expect(run.stderr.contains(message), "\(run)")
        #expect(try await emulator.requests().isEmpty, "something was sent")
        #expect(try remote.locks().isEmpty, "a lock was left behind")
        return run
      }
    }
  }

  @Test("no git on PATH")
  func noGit() async throws {
    try await refused(1, "no `git` on PATH", env: ["PATH": "/nonexistent"]) { _, _ in }
  }

  @Test("an unreachable remote, whose URL's credentials are never printed")
  func unreachableRemote() async throws {
    let run = try await refused(1, "could not take the lock in origin") { _, runner in
      try GitRemote.git(
        ["remote", "set-url", "origin", "https://deploy:s3cr3t-t0ken@127.0.0.1:9/repo.git"], in: runner.url)
    }
    #expect(!run.stderr.contains("s3cr3t") && !run.stdout.contains("s3cr3t"), "\(run)")
  }

  @Test("a detached HEAD")
  func detachedHead() async throws {
    try await refused(1, "HEAD is detached") { _, runner in
      try GitRemote.git(["checkout", "--quiet", "--detach"], in: runner.url)
    }
  }

  @Test("a branch missing on the remote")
  func missingBranch() async throws {
    try await refused(1, "the branch 'feature' does not exist on 'origin'") { _, runner in
      try GitRemote.git(["checkout", "--quiet", "-b", "feature"], in: runner.url)
    }
  }

  @Test("a dirty lockfile when the remote has a newer one")
  func dirtyLockfile() async throws {
    try await refused(5, "has uncommitted changes") { remote, runner in
      let other = try remote.clone()
      defer { other.remove() }
      try other.write("release.lock.json", lockfile(lineage: "11111111-aaaa-4aaa-8aaa-000000000001", serial: 2))
      try remote.commitAndPush(in: other, message: "A lockfile")
      try GitRemote.git(["pull", "--quiet"], in: runner.url)
      try other.write("release.lock.json", lockfile(lineage: "11111111-aaaa-4aaa-8aaa-000000000001", serial: 3))
      try remote.commitAndPush(in: other, message: "A newer lockfile")
      try runner.write("release.lock.json", lockfile(lineage: "11111111-aaaa-4aaa-8aaa-000000000001", serial: 4))
    }
  }

  @Test("a remote lockfile of another lineage")
  func otherLineage() async throws {
    try await refused(5, "is not this one's") { remote, runner in
      try runner.write("release.lock.json", lockfile(lineage: "11111111-aaaa-4aaa-8aaa-000000000001", serial: 2))
      try remote.commitAndPush(in: runner, message: "Ours")
      let other = try remote.clone()
      defer { other.remove() }
      try other.write("release.lock.json", lockfile(lineage: "22222222-bbbb-4bbb-8bbb-000000000002", serial: 5))
      try remote.commitAndPush(in: other, message: "Theirs, from elsewhere")
    }
  }

  @Test("a lockfile deleted on the remote")
  func lockfileDeletedUpstream() async throws {
    try await refused(5, "the lockfile was deleted on origin/main") { remote, runner in
      try runner.write("release.lock.json", lockfile(lineage: "11111111-aaaa-4aaa-8aaa-000000000001", serial: 2))
      try remote.commitAndPush(in: runner, message: "A lockfile")
      let other = try remote.clone()
      defer { other.remove() }
      try GitRemote.git(["rm", "--quiet", "release.lock.json"], in: other.url)
      try remote.commitAndPush(in: other, message: "Oops")
    }
  }

  @Test("--emulator with --git-sync is a usage error: the emulator's releases never go into git")
  func emulatorIsNeverShared() async throws {
    try await withTemporaryDirectory { directory in
      try directory.write("release.yaml", try Fixtures.exampleManifest())
      let run = try await CLI.run(["apply", "--emulator", "--git-sync", "--yes"], in: directory, emulator: nil)
      #expect(run.status == 64, "\(run)")
      #expect(!directory.exists("release.emulator.lock.json"))
    }
  }

  /// An empty lockfile with this lineage and serial.
  func lockfile(lineage: String, serial: Int) -> String {
    """
    {
      "appliedPlans": [],
      "lineage": "\(lineage)",
      "packs": {},
      "pending": [],
      "retired": {},
      "serial": \(serial),
      "version": 1
    }

    """
  }
}
