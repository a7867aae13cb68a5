import Foundation
import ReleaseCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// kill -9 at random instants of a long apply: the lockfile is always whole, and every release
/// Boomi accepted is either recorded or has its intent pending.
@Suite("apply killed with SIGKILL", .serialized)
struct CrashSafetyTests {
  /// Checks the lockfile (if any) against every release the emulator holds.
  static func checkInvariant(_ scenario: Scenario, trial: Int, killedAfter: Double) async throws {
    let context = "trial \(trial), killed after \(String(format: "%.2f", killedAfter)) s"
    let releases = try await scenario.emulator.state().releases
    guard scenario.directory.exists(Scenario.lockfile) else {
      #expect(releases.isEmpty, "\(context): no lockfile, but the emulator accepted \(releases.count) releases")
      return
    }
    let view: LockfileView
    do {
      view = try scenario.lockfile()
    } catch {
      Issue.record("\(context): \(error)")
      return
    }
    let recorded = view.requestIds
    let pendingPacks = Set(view.lockfile.pending.map(\.packId))
    for release in releases {
      let isRecorded = release.requestIds.contains { recorded.contains($0) }
      #expect(
        isRecorded || pendingPacks.contains(release.packId),
        "\(context): release \(release.requestIds) of pack \(release.packId) is neither recorded nor pending")
    }
  }

  @Test("kill -9 during a 200-pack apply always leaves a valid lockfile that accounts for every accepted release")
  func killDuringApply() async throws {
    let packs = TestPack.many(200)
    // The intents' timestamps come from the real clock, so every run here uses the real clock
    // too (see FaultToleranceTests.recoverDropsAnAttemptThatDidNotGoThrough). All releases are
    // immediate, so "today" does not matter.
    let realClock = ["BOOMI_RELEASE_NOW": ""]
    try await Scenario.with(packs: packs, emulatorArguments: ["--rate-limit", "0"]) { scenario in
      try scenario.writeManifest(Fixtures.manifest(packs))
      var generator = SystemRandomNumberGenerator()
      var killed = 0
      var previousKilled = false
      for trial in 1...5 {
        let delay = Double.random(in: 0.3...2.5, using: &generator)
        let name = "trial-\(trial)"
        let apply = try CLI.start(
          ["apply", "--concurrency", "8", "--rate", "10"], in: scenario.directory, emulator: scenario.emulator,
          env: realClock, name: name)
        try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
        apply.send(SIGKILL)
        let (status, _) = await apply.finish(within: 30)
        let output = CLI.collect(name, in: scenario.directory, status: status, timedOut: false)
        // 137 = killed; 0 or 3 only if it finished (or was blocked) before the kill.
        #expect([137, 0, 3].contains(status), "trial \(trial): \(output)")
        if previousKilled, output.stderr.contains("note:") {
          // The lock left by the killed run is taken over, with a notice.
          #expect(output.stderr.contains("took over the lock left by"), "trial \(trial): \(output)")
        }
        previousKilled = status == 137
        if status == 137 { killed += 1 }
        try await Self.checkInvariant(scenario, trial: trial, killedAfter: delay)
      }
      #expect(killed > 0, "no apply was killed mid-run: the test proves nothing")
      let acceptedBeforeRecovery = try await scenario.emulator.state().releases.count
      #expect(acceptedBeforeRecovery > 0, "no release was accepted before the kills: the test proves nothing")
      #expect(acceptedBeforeRecovery < packs.count)

      // Settle whatever the kills left unknown, then finish the job.
      let recover = try await scenario.run(["recover", "--settle", "0"], env: realClock)
      #expect(recover.status == 0, "\(recover)")
      #expect(try scenario.lockfile().lockfile.pending.isEmpty)
      let apply = try await scenario.run(["apply", "--concurrency", "8", "--rate", "10"], env: realClock)
      #expect(apply.status == 0, "\(apply)")
      let plan = try await scenario.run(["plan", "--detailed-exitcode"], env: realClock)
      #expect(plan.status == 0, "\(plan)")
      // More than 100 requests to read: the bulk status reads go in chunks Boomi accepts.
      let status = try await scenario.run(["status", "--wait", "--wait-timeout", "60"], env: realClock)
      #expect(status.status == 0, "\(status)")

      // Nothing was released twice, and every pack was released.
      let state = try await scenario.emulator.state()
      for pack in packs {
        #expect(state.releases(of: pack.id).count == 1, "\(pack.name): \(state.releases(of: pack.id).count) releases")
      }
      let lockfile = try scenario.lockfile()
      #expect(lockfile.lockfile.packs.count == packs.count)
      for (packId, record) in lockfile.lockfile.packs {
        guard let release = record.release, !RecordedRelease.isUnrecorded(release.requestId) else { continue }
        #expect(release.status == .success, "\(packId): \(String(describing: release.status))")
      }
      let recorded = lockfile.requestIds
      for release in state.releases {
        let pack = lockfile.release(release.packId)
        #expect(
          release.requestIds.contains { recorded.contains($0) }
            || pack.map { RecordedRelease.isUnrecorded($0.requestId) } == true,
          "release of \(release.packId) is not in the lockfile")
      }
    }
  }
}
