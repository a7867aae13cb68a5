import EmulatorFixtures
import Foundation
import ReleaseCore
import Testing

/// `boomi-release apply` (and `plan`, `status`) as a user runs them, against the emulator
/// subprocess serving the demo catalog, with the example manifest.
@Suite("apply against the emulator")
struct ApplyEndToEndTests {
  @Test("apply records every requestId the emulator issued, and the plan afterwards has nothing to do")
  func applyRecordsEveryRequest() async throws {
    try await Scenario.with { scenario in
      try scenario.writeManifest(try Fixtures.exampleManifest())
      let apply = try await scenario.run(["apply", "--yes"])
      #expect(apply.status == 0, "\(apply)")
      #expect(apply.stdout.contains("Apply: 3 released, 0 failed, 0 unknown."), "\(apply)")

      let state = try await scenario.emulator.state()
      let issued = state.releases.flatMap(\.requestIds)
      #expect(issued.count == 3)
      let lockfile = try scenario.lockfile()
      #expect(Set(issued).isSubset(of: lockfile.requestIds), "\(issued) vs \(lockfile.requestIds)")
      #expect(lockfile.lockfile.pending.isEmpty)
      #expect(lockfile.lockfile.account == EmulatorProcess.account)
      for packId in [Demo.ordersSync, Demo.billingExport, Demo.inventoryFeed] {
        let release = try #require(lockfile.release(packId))
        #expect(release.operation == .create)
        #expect(
          release.releaseStatusUrl
            == "\(scenario.emulator.baseURL)/\(EmulatorProcess.account)/ReleaseIntegrationPackStatus/\(release.requestId)"
        )
      }
      #expect(lockfile.release(Demo.billingExport)?.content.schedule.date?.description == "2030-01-15")

      let plan = try await scenario.run(["plan", "--detailed-exitcode"])
      #expect(plan.status == 0, "\(plan)")
      #expect(plan.stdout.contains("Plan: 0 to create, 0 to update, 3 unchanged."), "\(plan)")

      // A run that changes nothing sends nothing and leaves the lockfile's bytes as they were.
      let again = try await scenario.run(["apply"])
      #expect(again.status == 0, "\(again)")
      #expect(again.stderr.contains("Nothing to apply."), "\(again)")
      #expect(try scenario.lockfile().text == lockfile.text)
      #expect(try await scenario.emulator.requests().filter { $0.isCreate || $0.isUpdate }.count == 3)
    }
  }

  @Test("a CREATE Boomi refuses makes apply exit 1 with Boomi's message, records nothing for it, and releases the rest")
  func refusedCreateFails() async throws {
    try await Scenario.with { scenario in
      // Order Sync Process 2.1 is not shareable: offline checks cannot know, Boomi refuses it.
      try scenario.writeManifest(try Fixtures.exampleManifest())
      try scenario.editManifest(#"version: "2.0""#, #"version: "2.1""#)
      let apply = try await scenario.run(["apply"])
      #expect(apply.status == 1, "\(apply)")
      #expect(apply.stdout.contains("orders-sync: CREATE failed"), "\(apply)")
      #expect(apply.stdout.contains("is not shareable"), "Boomi's message is shown: \(apply)")
      #expect(apply.stdout.contains("Apply: 2 released, 1 failed, 0 unknown."), "\(apply)")
      let lockfile = try scenario.lockfile()
      #expect(lockfile.lockfile.pending.isEmpty, "a refused call leaves no intent")
      #expect(lockfile.release(Demo.ordersSync) == nil)
      #expect(lockfile.release(Demo.inventoryFeed) != nil)
      #expect(lockfile.release(Demo.billingExport) != nil)
      let plan = try await scenario.run(["plan", "--detailed-exitcode"])
      #expect(plan.status == 2, "the refused pack is planned again: \(plan)")
    }
  }

  @Test("a release Boomi reports as ERROR is recorded by status and released again by a new CREATE")
  func errorIsRetriedWithACreate() async throws {
    try await Scenario.with { scenario in
      try scenario.writeManifest(try Fixtures.exampleManifest())
      let apply = try await scenario.run(["apply"])
      #expect(apply.status == 0, "\(apply)")
      let failed = try #require(try scenario.lockfile().release(Demo.billingExport))
      _ = try await ControlClient.send(
        .POST, "\(scenario.emulator.rootURL)/__emulator/fail-release",
        body: ["requestId": failed.requestId, "message": "the release failed in Boomi"])

      let status = try await scenario.run(["status"])
      #expect(status.status == 0, "\(status)")
      #expect(try scenario.lockfile().release(Demo.billingExport)?.status == .error)
      let plan = try await scenario.run(["plan", "--detailed-exitcode", "--format", "json"])
      #expect(plan.status == 2, "\(plan)")
      let change = JSON.array(JSON.parse(plan.stdout)?["changes"]).first {
        JSON.string($0["packId"]) == Demo.billingExport
      }
      #expect(JSON.string(change?["action"]) == "create", "\(plan)")
      let reason = JSON.string(change?["reason"]) ?? ""
      #expect(reason.contains(failed.requestId), "\(plan)")

      let retry = try await scenario.run(["apply"])
      #expect(retry.status == 0, "\(retry)")
      let releases = try await scenario.emulator.state().releases(of: Demo.billingExport)
      #expect(releases.map(\.status) == ["ERROR", "SCHEDULED"])
      let lockfile = try scenario.lockfile()
      #expect(lockfile.release(Demo.billingExport)?.requestId == releases.last?.requestIds.first)
      #expect(lockfile.lockfile.packs[Demo.billingExport]?.history.map(\.requestId) == [failed.requestId])
    }
  }

  @Test("moving a pending scheduled release's date plans and applies an UPDATE of that release")
  func movingADateIsAnUpdate() async throws {
    try await Scenario.with { scenario in
      try scenario.writeManifest(try Fixtures.exampleManifest())
      let first = try await scenario.run(["apply"])
      #expect(first.status == 0, "\(first)")
      let created = try #require(try scenario.lockfile().release(Demo.billingExport))

      try scenario.editManifest("release: 2030-01-15", "release: 2030-02-01")
      let plan = try await scenario.run(["plan", "--detailed-exitcode", "--format", "json"])
      #expect(plan.status == 2, "\(plan)")
      let changes = JSON.array(JSON.parse(plan.stdout)?["changes"])
      let billing = try #require(changes.first { JSON.string($0["packId"]) == Demo.billingExport })
      #expect(JSON.string(billing["action"]) == "update")
      #expect(changes.filter { JSON.string($0["action"]) != "noop" }.count == 1)

      let apply = try await scenario.run(["apply"])
      #expect(apply.status == 0, "\(apply)")
      let requests = try await scenario.emulator.requests()
      let updates = requests.filter { $0.isUpdate }
      #expect(
        updates.map(\.path) == ["/api/rest/v1/\(EmulatorProcess.account)/ReleaseIntegrationPack/\(Demo.billingExport)"],
        "\(requests)")
      #expect(updates.first?.outcome == "processed")
      #expect(requests.filter { $0.isCreate }.count == 3, "no new release was created")

      let state = try await scenario.emulator.state()
      let releases = state.releases(of: Demo.billingExport)
      #expect(releases.count == 1)
      #expect(releases.first?.releaseOnDate == "2030-02-01")
      let lockfile = try scenario.lockfile()
      let updated = try #require(lockfile.release(Demo.billingExport))
      #expect(updated.operation == .update)
      #expect(updated.requestId == updates.first?.requestId)
      #expect(updated.content.schedule.date?.description == "2030-02-01")
      #expect(lockfile.lockfile.packs[Demo.billingExport]?.history.map(\.requestId) == [created.requestId])

      let after = try await scenario.run(["plan", "--detailed-exitcode"])
      #expect(after.status == 0, "\(after)")
    }
  }

  @Test("a new version of a pack whose release has gone out is a new release (CREATE)")
  func newVersionIsACreate() async throws {
    try await Scenario.with { scenario in
      let example = try Fixtures.exampleManifest()
      try scenario.writeManifest(example)
      // Not 1.9, the demo catalog's current version: releasing what Boomi shows as released
      // already, with no record of it, is drift.
      try scenario.editManifest(#"version: "2.0""#, #"version: "1.8""#)
      let first = try await scenario.run(["apply"])
      #expect(first.status == 0, "\(first)")
      let before = try #require(try scenario.lockfile().release(Demo.ordersSync))

      try scenario.writeManifest(example)
      let plan = try await scenario.run(["plan", "--detailed-exitcode", "--format", "json"])
      #expect(plan.status == 2, "\(plan)")
      let change = JSON.array(JSON.parse(plan.stdout)?["changes"]).first {
        JSON.string($0["packId"]) == Demo.ordersSync
      }
      #expect(JSON.string(change?["action"]) == "create")

      let apply = try await scenario.run(["apply"])
      #expect(apply.status == 0, "\(apply)")
      let requests = try await scenario.emulator.requests()
      #expect(requests.filter { $0.isUpdate }.isEmpty)
      #expect(requests.filter { $0.isCreate && $0.packId == Demo.ordersSync }.count == 2)
      #expect(try await scenario.emulator.state().releases(of: Demo.ordersSync).count == 2)
      let lockfile = try scenario.lockfile()
      let after = try #require(lockfile.release(Demo.ordersSync))
      #expect(after.operation == .create)
      #expect(after.requestId != before.requestId)
      #expect(after.content.components.first { $0.componentId == Demo.orderSyncProcess }?.version == "2.0")
      #expect(lockfile.lockfile.packs[Demo.ordersSync]?.history.map(\.requestId) == [before.requestId])
    }
  }

  @Test("apply --wait waits for each release to settle and records SUCCESS or SCHEDULED in the lockfile")
  func applyWaitRecordsStatuses() async throws {
    try await Scenario.with { scenario in
      try scenario.writeManifest(try Fixtures.exampleManifest())
      let apply = try await scenario.run(["apply", "--wait", "--wait-timeout", "60"])
      #expect(apply.status == 0, "\(apply)")
      let lockfile = try scenario.lockfile()
      #expect(lockfile.release(Demo.ordersSync)?.status == .success)
      #expect(lockfile.release(Demo.inventoryFeed)?.status == .success)
      #expect(lockfile.release(Demo.billingExport)?.status == .scheduled)
      let plan = try await scenario.run(["plan", "--detailed-exitcode"])
      #expect(plan.status == 0, "\(plan)")
    }
  }

  @Test("status --wait reads the releases' status from Boomi and records it in the lockfile")
  func statusWaitRecordsStatuses() async throws {
    try await Scenario.with { scenario in
      try scenario.writeManifest(try Fixtures.exampleManifest())
      let apply = try await scenario.run(["apply"])
      #expect(apply.status == 0, "\(apply)")
      #expect(try scenario.lockfile().release(Demo.ordersSync)?.status == nil)

      let status = try await scenario.run(["status", "--wait", "--wait-timeout", "60"])
      #expect(status.status == 0, "\(status)")
      let lockfile = try scenario.lockfile()
      #expect(lockfile.release(Demo.ordersSync)?.status == .success)
      #expect(lockfile.release(Demo.inventoryFeed)?.status == .success)
      #expect(lockfile.release(Demo.billingExport)?.status == .scheduled)
      #expect(status.stdout.contains("SUCCESS"))
      #expect(status.stdout.contains("SCHEDULED"))

      // SUCCESS is final and not read again; only the scheduled release is asked about.
      let reads = try await scenario.emulator.requests().filter { $0.path.contains("ReleaseIntegrationPackStatus") }
      let again = try await scenario.run(["status"])
      #expect(again.status == 0, "\(again)")
      let newReads = try await scenario.emulator.requests().filter {
        $0.path.contains("ReleaseIntegrationPackStatus")
      }.dropFirst(reads.count)
      let asked = newReads.map(\.body).joined()
      #expect(!asked.contains(try #require(lockfile.release(Demo.ordersSync)?.requestId)), "\(newReads)")
      #expect(!asked.contains(try #require(lockfile.release(Demo.inventoryFeed)?.requestId)), "\(newReads)")
    }
  }
}
