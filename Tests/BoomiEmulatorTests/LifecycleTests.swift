import EmulatorFixtures
import Foundation
import Testing

/// How releases move: immediate ones after the release delay, scheduled ones on their date.
/// The emulator's clock is a ``ManualClock`` and its date is set through the control endpoint,
/// so nothing here waits on real time.
@Suite("Release lifecycle")
struct LifecycleTests {
  @Test("an immediate release answers 202 IN_PROGRESS, then 200 SUCCESS after the delay, moving currentVersion")
  func immediateRelease() async throws {
    try await withEmulator { emulator in
      let created = try await emulator.create(Demo.release())
      let id = try #require(created.json["requestId"] as? String)

      let during = try await emulator.status(id)
      #expect(during.status == 202)
      #expect(during.json["responseStatusCode"] as? Int == 202)
      #expect(during.json["releaseStatus"] as? String == "IN_PROGRESS")
      let pending = try await emulator.packComponent(Demo.ordersSync, Demo.orderSyncProcess)
      #expect(pending["currentVersion"] as? String == "1.9")
      #expect(pending["pendingVersion"] as? String == "2.0")

      emulator.clock.advance(by: .milliseconds(150))
      #expect(try await emulator.status(id).status == 202)
      emulator.clock.advance(by: .milliseconds(60))

      let done = try await emulator.status(id)
      #expect(done.status == 200)
      #expect(done.json["responseStatusCode"] as? Int == 200)
      #expect(done.json["releaseStatus"] as? String == "SUCCESS")
      let components = (done.json["ReleasePackagedComponents"] as? [String: Any])?["ReleasePackagedComponent"]
      let component = try #require((components as? [[String: Any]])?.first)
      #expect(component["version"] as? String == "2.0")
      #expect(component["releasedVersion"] as? String == "2.0")
      let released = try await emulator.packComponent(Demo.ordersSync, Demo.orderSyncProcess)
      #expect(released["currentVersion"] as? String == "2.0")
      #expect(released["pendingVersion"] as? String == "")
      #expect(released["latestVersion"] as? String == "2.0")
    }
  }

  @Test("a scheduled release stays SCHEDULED (and pending) until the emulator's date reaches it")
  func scheduledRelease() async throws {
    try await withEmulator { emulator in
      let created = try await emulator.create(
        Demo.release(
          pack: Demo.billingExport, schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2026-12-20",
          components: [(Demo.invoiceExport, "3.2")]))
      #expect(created.status == 200)
      #expect(created.json["releaseOnDate"] as? String == "2026-12-20")
      let id = try #require(created.json["requestId"] as? String)

      emulator.clock.advance(by: .seconds(3600))
      let waiting = try await emulator.status(id)
      #expect(waiting.status == 202)
      #expect(waiting.json["releaseStatus"] as? String == "SCHEDULED")
      #expect(waiting.json["releaseOnDate"] as? String == "2026-12-20")
      #expect(
        try await emulator.packComponent(Demo.billingExport, Demo.invoiceExport)["pendingVersion"] as? String == "3.2")

      #expect(try await emulator.setToday("2026-12-19").status == 200)
      #expect(try await emulator.status(id).json["releaseStatus"] as? String == "SCHEDULED")

      let moved = try await emulator.setToday("2026-12-20")
      #expect(moved.json["today"] as? String == "2026-12-20")
      let done = try await emulator.status(id)
      #expect(done.status == 200)
      #expect(done.json["releaseStatus"] as? String == "SUCCESS")
      let component = try await emulator.packComponent(Demo.billingExport, Demo.invoiceExport)
      #expect(component["currentVersion"] as? String == "3.2")
      #expect(component["pendingVersion"] as? String == "")
      // The date is now today: a new schedule must be after it.
      let stale = try await emulator.create(
        Demo.release(
          pack: Demo.billingExport, schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2026-12-20",
          components: [(Demo.invoiceExport, "3.1")]))
      #expect(stale.status == 400)
    }
  }

  @Test("latestVersion orders versions numerically: 12.3 is later than 9.0")
  func latestVersionIsNumeric() async throws {
    try await withEmulator { emulator in
      let component = try await emulator.packComponent(Demo.hrOnboarding, Demo.onboardingOrchestration)
      #expect(component["latestVersion"] as? String == "12.3")
    }
  }

  @Test("bulk status answers known ids with their status and unknown ids with 400, in order")
  func bulkStatus() async throws {
    try await withEmulator { emulator in
      let immediate = try #require(try await emulator.create(Demo.release()).json["requestId"] as? String)
      let scheduled = try #require(
        try await emulator.create(
          Demo.release(
            pack: Demo.billingExport, schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2027-01-01",
            components: [(Demo.invoiceExport, "3.2")])
        ).json["requestId"] as? String)
      emulator.clock.advance(by: .seconds(1))
      let ids = [immediate, "release-unknown", scheduled]
      let body = #"{"type":"GET","request":[\#(ids.map { #"{"id":"\#($0)"}"# }.joined(separator: ","))]}"#
      let reply = try await emulator.boomi(.POST, "ReleaseIntegrationPackStatus/bulk", body: body)
      #expect(reply.status == 200)
      let answers = reply.json["response"] as? [[String: Any]] ?? []
      #expect(answers.map { $0["id"] as? String } == ids)
      #expect(answers.map { $0["index"] as? Int } == [0, 1, 2])
      #expect(answers.map { $0["statusCode"] as? Int } == [200, 400, 200])
      #expect((answers[0]["Result"] as? [String: Any])?["releaseStatus"] as? String == "SUCCESS")
      #expect(answers[1]["Result"] == nil)
      #expect((answers[1]["errorMessage"] as? String)?.contains("release-unknown") == true)
      #expect((answers[2]["Result"] as? [String: Any])?["releaseStatus"] as? String == "SCHEDULED")
      #expect((answers[2]["Result"] as? [String: Any])?["responseStatusCode"] as? Int == 202)
    }
  }

  @Test("bulk status refuses more than 100 ids and types other than GET")
  func bulkLimits() async throws {
    try await withEmulator { emulator in
      let many = (0..<101).map { #"{"id":"release-\#($0)"}"# }.joined(separator: ",")
      let tooMany = try await emulator.boomi(
        .POST, "ReleaseIntegrationPackStatus/bulk", body: #"{"type":"GET","request":[\#(many)]}"#)
      #expect(tooMany.status == 400)
      #expect(tooMany.message.contains("100"))
      let delete = try await emulator.boomi(
        .POST, "ReleaseIntegrationPackStatus/bulk", body: #"{"type":"DELETE","request":[{"id":"x"}]}"#)
      #expect(delete.status == 400)
    }
  }

  @Test("reset brings back the catalog and forgets releases and the request log")
  func reset() async throws {
    try await withEmulator { emulator in
      let id = try #require(try await emulator.create(Demo.release()).json["requestId"] as? String)
      _ = try await emulator.setToday("2027-05-05")
      #expect(try await emulator.control(.POST, "reset").status == 200)
      #expect(try await emulator.releases().isEmpty)
      #expect(try await emulator.requestLog().isEmpty)
      #expect(try await emulator.control(.GET, "state").json["today"] as? String == "2026-11-23")
      #expect(try await emulator.status(id).status == 404)
    }
  }

  @Test("a release can be forced to ERROR through the control endpoint, and status then answers 200")
  func forcedError() async throws {
    try await withEmulator { emulator in
      let id = try #require(
        try await emulator.create(Demo.release(schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2027-01-01"))
          .json["requestId"] as? String)
      let failed = try await emulator.control(.POST, "fail-release", body: #"{"requestId":"\#(id)"}"#)
      #expect(failed.status == 200)
      let status = try await emulator.status(id)
      #expect(status.status == 200)
      #expect(status.json["releaseStatus"] as? String == "ERROR")
      // No longer pending: a new scheduled CREATE is accepted.
      #expect(
        try await emulator.create(Demo.release(schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2027-02-01")).status
          == 200)
    }
  }
}
