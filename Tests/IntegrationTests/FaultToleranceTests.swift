import EmulatorFixtures
import Foundation
import ReleaseCore
import TestSupport
import Testing

/// apply under injected faults: 503 storms are retried through; a CREATE processed and then
/// dropped is never re-sent, blocks its pack, and is settled by `recover` or `import`.
@Suite("apply under injected faults")
struct FaultToleranceTests {
  @Test("with 30 % injected 503s apply converges, with exactly one accepted release per pack")
  func storm503Converges() async throws {
    let packs = TestPack.many(12)
    // Boomi's own limit is far above the client's 10/s, so only the injected faults answer 503.
    try await Scenario.with(packs: packs, seed: 5, emulatorArguments: ["--fail-503", "0.3", "--rate-limit", "100"]) {
      scenario in
      try scenario.writeManifest(Fixtures.manifest(packs))
      // A CREATE whose six attempts all meet a 503 fails cleanly (exit 1, nothing recorded) and
      // is simply planned again; it is never an unknown outcome.
      var runs: [CLIResult] = []
      for _ in 0..<3 {
        let apply = try await scenario.run(["apply", "--concurrency", "4", "--rate", "10"])
        runs.append(apply)
        #expect(apply.status == 0 || apply.status == 1, "\(apply)")
        if apply.status == 0 { break }
      }
      #expect(runs.last?.status == 0, "\(runs)")

      let requests = try await scenario.emulator.requests()
      #expect(requests.contains { $0.outcome == "fault-503" }, "no 503 was injected: the test proves nothing")
      #expect(!requests.contains { $0.outcome == "rate-limited" })
      let state = try await scenario.emulator.state()
      let lockfile = try scenario.lockfile()
      for pack in packs {
        let accepted = requests.filter { $0.isCreate && $0.wasProcessed && $0.packId == pack.id }
        #expect(accepted.count == 1, "\(pack.name): \(accepted)")
        #expect(state.releases(of: pack.id).count == 1, "\(pack.name)")
        #expect(lockfile.release(pack.id)?.requestId == accepted.first?.requestId)
      }
      #expect(lockfile.lockfile.pending.isEmpty)
      let plan = try await scenario.run(["plan", "--detailed-exitcode"])
      #expect(plan.status == 0, "\(plan)")
    }
  }

  @Test("a CREATE processed then dropped blocks its pack (exit 3, never re-sent) until recover settles it")
  func droppedCreateBlocksUntilRecover() async throws {
    let packs = TestPack.many(2)
    let (dropped, other) = (packs[0], packs[1])
    try await Scenario.with(packs: packs, emulatorArguments: ["--drop-after-commit", "1.0"]) { scenario in
      try scenario.writeManifest(Fixtures.manifest([dropped]))
      let apply = try await scenario.run(["apply"])
      #expect(apply.status == 3, "\(apply)")
      #expect(apply.stdout.contains("outcome unknown"), "\(apply)")
      var creates = try await scenario.emulator.requests().filter { $0.isCreate }
      #expect(creates.count == 1, "\(creates)")
      #expect(creates.first?.outcome == "dropped")
      var lockfile = try scenario.lockfile()
      #expect(lockfile.lockfile.pending.map(\.packId) == [dropped.id])
      #expect(lockfile.lockfile.pending.first?.operation == .create)
      #expect(lockfile.release(dropped.id) == nil)

      let plan = try await scenario.run(["plan", "--detailed-exitcode"])
      #expect(plan.status == 3, "\(plan)")

      // The network is healthy again and a second pack is added: apply releases that one and
      // refuses the blocked one, sending nothing for it.
      try await scenario.emulator.setFaults(["dropAfterCommit": 0])
      try scenario.writeManifest(Fixtures.manifest([dropped, other]))
      let second = try await scenario.run(["apply"])
      #expect(second.status == 3, "\(second)")
      creates = try await scenario.emulator.requests().filter { $0.isCreate }
      #expect(creates.filter { $0.packId == dropped.id }.count == 1, "the blocked pack was sent again: \(creates)")
      #expect(creates.filter { $0.packId == other.id && $0.outcome == "processed" }.count == 1)
      lockfile = try scenario.lockfile()
      #expect(lockfile.release(other.id) != nil)
      #expect(lockfile.lockfile.pending.map(\.packId) == [dropped.id])

      // The emulator shows the dropped release's version: recover records it as sent.
      let state = try await scenario.emulator.state()
      let shown = try #require(state.component(dropped.componentId, in: dropped.id))
      #expect(shown.current == "1.0" || shown.pending == "1.0")
      let recover = try await scenario.run(["recover", "--settle", "0"])
      #expect(recover.status == 0, "\(recover)")
      lockfile = try scenario.lockfile()
      #expect(lockfile.lockfile.pending.isEmpty)
      let recovered = try #require(lockfile.release(dropped.id))
      #expect(recovered.requestId.hasPrefix(RecordedRelease.unrecordedPrefix), "\(recovered.requestId)")
      #expect(recovered.content.components.map(\.version) == ["1.0"])

      let after = try await scenario.run(["plan", "--detailed-exitcode"])
      #expect(after.status == 0, "\(after)")
      #expect(try await scenario.emulator.requests().filter { $0.isCreate }.count == 2)
    }
  }

  @Test("import with the real requestId settles a dropped CREATE's intent and records that release")
  func importSettlesAnIntent() async throws {
    let packs = TestPack.many(1)
    let pack = packs[0]
    try await Scenario.with(packs: packs, emulatorArguments: ["--drop-after-commit", "1.0"]) { scenario in
      try scenario.writeManifest(Fixtures.manifest(packs))
      let apply = try await scenario.run(["apply"])
      #expect(apply.status == 3, "\(apply)")
      #expect(try scenario.lockfile().lockfile.pending.count == 1)

      let requestId = try #require(try await scenario.emulator.state().releases(of: pack.id).first?.requestIds.first)
      let imported = try await scenario.run(["import", "--pack", pack.id, "--request-id", requestId])
      #expect(imported.status == 0, "\(imported)")
      let lockfile = try scenario.lockfile()
      #expect(lockfile.lockfile.pending.isEmpty)
      #expect(lockfile.release(pack.id)?.requestId == requestId)

      let plan = try await scenario.run(["plan", "--detailed-exitcode"])
      #expect(plan.status == 0, "\(plan)")
      #expect(try await scenario.emulator.requests().filter { $0.isCreate }.count == 1)
    }
  }

  @Test(
    "recover --settle 0 drops an attempt Boomi refused before the connection dropped, under a fixed BOOMI_RELEASE_NOW"
  )
  func recoverDropsAnAttemptThatDidNotGoThrough() async throws {
    // The emulator refuses the CREATE (version 9.9 is not a packaged version) and then drops the
    // connection: the tool cannot know, the intent stays, and nothing was released.
    var packs = TestPack.many(1)
    packs[0].version = "9.9"
    try await Scenario.with(packs: packs, emulatorArguments: ["--drop-after-commit", "1.0"]) { scenario in
      try scenario.writeManifest(Fixtures.manifest(packs))
      let apply = try await scenario.run(["apply"])
      #expect(apply.status == 3, "\(apply)")
      #expect(try await scenario.emulator.state().releases.isEmpty)
      let intent = try #require(try scenario.lockfile().lockfile.pending.first)

      // Every run here sees the same fixed "now"; the attempt was made at that same instant.
      let recover = try await scenario.run(["recover", "--settle", "0"])
      #expect(
        recover.status == 0,
        "an attempt whose versions do not show in Boomi and that is older than --settle 0 must be dropped; the intent was stamped \(intent.createdAt) while BOOMI_RELEASE_NOW is \(CLI.fixedNow)\n\(recover)"
      )
      #expect(try scenario.lockfile().lockfile.pending.isEmpty)
    }
  }

  @Test("recover settles a dropped UPDATE that only moved the date, from the status of the release's known requestId")
  func recoverSettlesADroppedDateOnlyUpdate() async throws {
    try await Scenario.with { scenario in
      try scenario.writeManifest(try Fixtures.exampleManifest())
      let apply = try await scenario.run(["apply"])
      #expect(apply.status == 0, "\(apply)")
      let scheduled = try #require(try scenario.lockfile().release(Demo.billingExport))

      try await scenario.emulator.setFaults(["dropAfterCommit": 1])
      try scenario.editManifest("release: 2030-01-15", "release: 2030-02-01")
      let update = try await scenario.run(["apply"])
      #expect(update.status == 3, "\(update)")
      let updates = try await scenario.emulator.requests().filter { $0.isUpdate }
      #expect(updates.map(\.outcome) == ["dropped"])
      // Boomi moved the release: its known requestId now answers with the new date.
      #expect(try await scenario.emulator.state().releases(of: Demo.billingExport).first?.releaseOnDate == "2030-02-01")
      try await scenario.emulator.setFaults(["dropAfterCommit": 0])

      // The pack's pending versions cannot tell (they did not change), but SPEC §6.4 also names
      // the known request statuses as evidence: ReleaseIntegrationPackStatus/<scheduled requestId>
      // reports releaseOnDate 2030-02-01, which only this UPDATE can explain.
      let recover = try await scenario.run(["recover", "--settle", "0"])
      #expect(
        recover.status == 0,
        "the status of \(scheduled.requestId) shows the UPDATE went through, yet recover left it undetermined\n\(recover)"
      )
      let lockfile = try scenario.lockfile()
      #expect(lockfile.lockfile.pending.isEmpty)
      #expect(lockfile.release(Demo.billingExport)?.content.schedule.date?.description == "2030-02-01")
      let plan = try await scenario.run(["plan", "--detailed-exitcode"])
      #expect(plan.status == 0, "\(plan)")
    }
  }
}
