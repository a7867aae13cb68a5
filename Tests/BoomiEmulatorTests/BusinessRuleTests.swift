import EmulatorFixtures
import Foundation
import Testing

/// The rules a CREATE or UPDATE must pass, each refused with HTTP 400 and Boomi's error JSON.
@Suite("Business rules")
struct BusinessRuleTests {
  /// A CREATE body that breaks one rule, and words the refusal must contain.
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var body: String
    var mentions: String
    var testDescription: String { name }
  }

  static let refusedCreates: [Case] = [
    Case(
      name: "unknown pack", body: Demo.release(pack: "00000000-0000-4000-8000-000000000000"),
      mentions: "00000000-0000-4000-8000-000000000000"),
    Case(
      name: "component not in the pack", body: Demo.release(components: [(Demo.invoiceExport, "3.2")]),
      mentions: "not in integration pack"),
    Case(
      name: "version that does not exist", body: Demo.release(components: [(Demo.orderSyncProcess, "7.7")]),
      mentions: "7.7"),
    Case(
      name: "version not shareable", body: Demo.release(components: [(Demo.orderSyncProcess, "2.1")]),
      mentions: "not shareable"),
    Case(
      name: "deleted version", body: Demo.release(components: [(Demo.orderSyncProcess, "1.5")]), mentions: "deleted"),
    Case(
      name: "missing releaseSchedule",
      body:
        #"{"id":"\#(Demo.ordersSync)","ReleasePackagedComponents":{"ReleasePackagedComponent":[{"componentId":"\#(Demo.orderSyncProcess)","version":"2.0"}]}}"#,
      mentions: "releaseSchedule"),
    Case(name: "invalid releaseSchedule", body: Demo.release(schedule: "LATER"), mentions: "LATER"),
    Case(
      name: "scheduled without releaseOnDate", body: Demo.release(schedule: "RELEASE_ON_SPECIFIED_DATE"),
      mentions: "releaseOnDate"),
    Case(
      name: "releaseOnDate not yyyy-MM-dd",
      body: Demo.release(schedule: "RELEASE_ON_SPECIFIED_DATE", date: "20/12/2026"),
      mentions: "yyyy-MM-dd"),
    Case(
      name: "releaseOnDate not a real day",
      body: Demo.release(schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2026-02-30"), mentions: "2026-02-30"),
    Case(
      name: "releaseOnDate today", body: Demo.release(schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2026-11-23"),
      mentions: "future"),
    Case(
      name: "releaseOnDate in the past", body: Demo.release(schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2025-01-01"),
      mentions: "future"),
    Case(
      name: "IMMEDIATELY with a releaseOnDate", body: Demo.release(schedule: "IMMEDIATELY", date: "2026-12-20"),
      mentions: "IMMEDIATELY"),
    Case(
      name: "missing ReleasePackagedComponents", body: #"{"id":"\#(Demo.ordersSync)","releaseSchedule":"IMMEDIATELY"}"#,
      mentions: "ReleasePackagedComponents"),
    Case(name: "no components", body: Demo.release(components: []), mentions: "at least one"),
    Case(
      name: "a component twice",
      body: Demo.release(components: [(Demo.orderSyncProcess, "2.0"), (Demo.orderSyncProcess, "1.9")]),
      mentions: "more than once"),
    Case(
      name: "missing id",
      body: #"{"releaseSchedule":"IMMEDIATELY","ReleasePackagedComponents":{"ReleasePackagedComponent":[]}}"#,
      mentions: "id"),
    Case(
      name: "installationType that is not the pack's",
      body:
        #"{"id":"\#(Demo.ordersSync)","installationType":"SINGLE","releaseSchedule":"IMMEDIATELY","ReleasePackagedComponents":{"ReleasePackagedComponent":[{"componentId":"\#(Demo.orderSyncProcess)","version":"2.0"}]}}"#,
      mentions: "installationType"),
    Case(
      name: "malformed JSON", body: #"{"id": "\#(Demo.ordersSync)", "releaseSchedule": "#,
      mentions: "not well-formed JSON"),
    Case(
      name: "a version given as a number",
      body:
        #"{"id":"\#(Demo.ordersSync)","releaseSchedule":"IMMEDIATELY","ReleasePackagedComponents":{"ReleasePackagedComponent":[{"componentId":"\#(Demo.orderSyncProcess)","version":2.0}]}}"#,
      mentions: "version"),
    Case(name: "a body that is a list", body: "[1,2,3]", mentions: "ReleaseIntegrationPack"),
    Case(
      name: "arrays nested 40 deep", body: String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
      mentions: "deeper"),
  ]

  @Test(
    "a CREATE that breaks a rule is refused with 400 and {\"@type\":\"Error\",\"message\"}", arguments: refusedCreates)
  func refusedCreate(_ rule: Case) async throws {
    try await withEmulator { emulator in
      let reply = try await emulator.create(rule.body)
      #expect(reply.status == 400)
      #expect(reply.json["@type"] as? String == "Error")
      #expect(reply.message.contains(rule.mentions), "\(reply.message)")
      #expect(try await emulator.releases().isEmpty)
      let log = try await emulator.requestLog()
      #expect(log.last?["outcome"] as? String == "rejected")
    }
  }

  @Test("a release of an older shareable version (a rollback) is accepted")
  func rollback() async throws {
    try await withEmulator { emulator in
      let reply = try await emulator.create(Demo.release(components: [(Demo.orderSyncProcess, "1.8")]))
      #expect(reply.status == 200)
    }
  }

  @Test("an UPDATE with no scheduled release pending is refused, pointing at CREATE")
  func updateWithoutPending() async throws {
    try await withEmulator { emulator in
      let reply = try await emulator.update(
        Demo.ordersSync, Demo.release(schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2026-12-20"))
      #expect(reply.status == 400)
      #expect(reply.json["@type"] as? String == "Error")
      #expect(reply.message.contains("CREATE"))
      // An immediate release in progress is not a pending scheduled release either.
      #expect(try await emulator.create(Demo.release()).status == 200)
      #expect(try await emulator.update(Demo.ordersSync, Demo.release()).status == 400)
    }
  }

  @Test("an UPDATE whose body names another pack than its URL is refused")
  func updateIdMismatch() async throws {
    try await withEmulator { emulator in
      let scheduled = Demo.release(schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2026-12-20")
      #expect(try await emulator.create(scheduled).status == 200)
      let reply = try await emulator.update(Demo.billingExport, scheduled)
      #expect(reply.status == 400)
      #expect(reply.message.contains("does not match"))
    }
  }

  @Test("a scheduled CREATE while a release is pending is refused and says to use UPDATE")
  func secondScheduledCreate() async throws {
    try await withEmulator { emulator in
      #expect(
        try await emulator.create(Demo.release(schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2026-12-20")).status == 200
      )
      let reply = try await emulator.create(Demo.release(schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2027-01-10"))
      #expect(reply.status == 400)
      #expect(reply.message.contains("UPDATE"))
      #expect(reply.message.contains("2026-12-20"))
      #expect(try await emulator.releases().count == 1)
    }
  }

  @Test("an immediate CREATE while a release is pending sends the pending one out with it")
  func immediateSupersedesPending() async throws {
    try await withEmulator { emulator in
      let scheduled = try await emulator.create(
        Demo.release(
          schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2026-12-20",
          components: [(Demo.orderSyncProcess, "2.0"), (Demo.orderMapping, "1.3")]))
      let pendingId = try #require(scheduled.json["requestId"] as? String)
      let immediate = try await emulator.create(Demo.release(components: [(Demo.orderSyncProcess, "1.8")]))
      #expect(immediate.status == 200)
      let immediateId = try #require(immediate.json["requestId"] as? String)

      let before = try await emulator.status(pendingId)
      #expect(before.status == 202)
      #expect(before.json["releaseStatus"] as? String == "IN_PROGRESS")
      let superseded = try await emulator.releases().first { ($0["requestIds"] as? [String])?.first == pendingId }
      #expect(superseded?["supersededBy"] as? String == immediateId)

      emulator.clock.advance(by: .seconds(1))
      let after = try await emulator.status(pendingId)
      #expect(after.status == 200)
      #expect(after.json["releaseStatus"] as? String == "SUCCESS")
      #expect(try await emulator.status(immediateId).json["releaseStatus"] as? String == "SUCCESS")
      // Both went out in order: the newer release's version wins where they overlap.
      #expect(
        try await emulator.packComponent(Demo.ordersSync, Demo.orderSyncProcess)["currentVersion"] as? String == "1.8")
      #expect(
        try await emulator.packComponent(Demo.ordersSync, Demo.orderMapping)["currentVersion"] as? String == "1.3")
    }
  }

  @Test("an UPDATE gets a new requestId, and the old one answers with the release as updated")
  func updateIssuesNewRequestId() async throws {
    try await withEmulator { emulator in
      let created = try await emulator.create(
        Demo.release(schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2026-12-20"))
      let firstId = try #require(created.json["requestId"] as? String)
      let updated = try await emulator.update(
        Demo.ordersSync,
        Demo.release(
          schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2027-01-15", components: [(Demo.orderSyncProcess, "1.9")]))
      #expect(updated.status == 200)
      let secondId = try #require(updated.json["requestId"] as? String)
      #expect(secondId != firstId)
      #expect(updated.json["releaseOnDate"] as? String == "2027-01-15")
      for id in [firstId, secondId] {
        let status = try await emulator.status(id)
        #expect(status.status == 202)
        #expect(status.json["releaseStatus"] as? String == "SCHEDULED")
        #expect(status.json["releaseOnDate"] as? String == "2027-01-15")
        #expect(status.json["requestId"] as? String == id)
        let components = (status.json["ReleasePackagedComponents"] as? [String: Any])?["ReleasePackagedComponent"]
        #expect((components as? [[String: Any]])?.first?["version"] as? String == "1.9")
      }
      let releases = try await emulator.releases()
      #expect(releases.count == 1)
      #expect(releases.first?["requestIds"] as? [String] == [firstId, secondId])
      #expect(releases.first?["operations"] as? [String] == ["CREATE", "UPDATE"])
    }
  }

  @Test("an UPDATE to IMMEDIATELY releases the pending release now")
  func updateToImmediate() async throws {
    try await withEmulator { emulator in
      let created = try await emulator.create(
        Demo.release(schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2026-12-20"))
      let id = try #require(created.json["requestId"] as? String)
      #expect(try await emulator.update(Demo.ordersSync, Demo.release()).status == 200)
      #expect(try await emulator.status(id).json["releaseStatus"] as? String == "IN_PROGRESS")
      emulator.clock.advance(by: .seconds(1))
      #expect(try await emulator.status(id).json["releaseStatus"] as? String == "SUCCESS")
    }
  }

  @Test("a body over 1 MiB is refused with 413 and nothing is processed")
  func hugeBody() async throws {
    try await withEmulator { emulator in
      let padding = String(repeating: "x", count: 1 << 20)
      let reply = try await emulator.create(#"{"id":"\#(Demo.ordersSync)","pad":"\#(padding)"}"#)
      #expect(reply.status == 413)
      #expect(try await emulator.releases().isEmpty)
      // The emulator still answers.
      #expect(try await emulator.publisherPack(Demo.ordersSync).status == 200)
    }
  }

  @Test("a JSON body without Content-Type: application/json is refused with 415")
  func wrongContentType() async throws {
    try await withEmulator { emulator in
      for contentType in ["application/xml", "text/plain"] {
        let reply = try await emulator.boomi(
          .POST, "ReleaseIntegrationPack", body: Demo.release(), contentType: contentType)
        #expect(reply.status == 415)
        #expect(reply.message.contains("application/json"))
      }
      #expect(try await emulator.releases().isEmpty)
    }
  }

  @Test("a request without Accept: application/json is answered 406 with an XML explanation")
  func jsonOnly() async throws {
    try await withEmulator { emulator in
      for accept in [nil, "*/*", "application/xml"] as [String?] {
        let reply = try await emulator.boomi(.GET, "PublisherIntegrationPack/\(Demo.ordersSync)", accept: accept)
        #expect(reply.status == 406)
        #expect(reply.header("Content-Type") == "application/xml")
        #expect(reply.text.contains("<error><message>") && reply.text.contains("Accept: application/json"))
      }
      let reply = try await emulator.boomi(
        .GET, "PublisherIntegrationPack/\(Demo.ordersSync)", accept: "application/xml, application/json; q=0.9")
      #expect(reply.status == 200)
    }
  }

  @Test("unknown objects and ids are answered with Boomi's error JSON")
  func unknownThings() async throws {
    try await withEmulator { emulator in
      let pack = try await emulator.publisherPack("no-such-pack")
      #expect(pack.status == 400)
      #expect(pack.message.contains("no-such-pack"))
      let packaged = try await emulator.boomi(.GET, "PackagedComponent/no-such-package")
      #expect(packaged.status == 400)
      let status = try await emulator.status("release-00000000-0000-4000-8000-000000000000")
      #expect(status.status == 404)
      #expect(status.json["@type"] as? String == "Error")
      let endpoint = try await emulator.boomi(.GET, "Atom/123")
      #expect(endpoint.status == 404)
    }
  }
}
