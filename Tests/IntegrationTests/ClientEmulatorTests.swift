import BoomiAPI
import BoomiEmulator
import EmulatorFixtures
import Foundation
import ReleaseCore
import Testing

/// `PlatformClient` on `AsyncHTTPTransport` against an in-process emulator over loopback: the
/// client's wire format, status codes, retries and ambiguity rules meet the emulator's.
@Suite("client ↔ emulator over loopback")
struct ClientEmulatorTests {
  static let account = "acme-8Q78Q1"
  static let username = "ci@acme.example"
  static let today = CalendarDate(year: 2026, month: 11, day: 23) ?? CalendarDate(year: 2000, month: 1, day: 1)

  /// An in-process emulator and a live client for it, shut down afterwards whatever happens.
  static func withClient<Result>(
    catalog: Catalog = .demo, clock: EmulatorClock = .system, faults: FaultSettings = FaultSettings(),
    rateLimit: Double = 0, seed: UInt64 = 7,
    _ body: (PlatformClient, RunningEmulator) async throws -> Result
  ) async throws -> Result {
    let token = "tok-\(UUID().uuidString.lowercased())"
    let emulator = try await Emulator.start(
      EmulatorConfiguration(
        account: account, username: username, token: token, rateLimit: rateLimit, faults: faults,
        releaseDelay: .milliseconds(50), seed: seed, today: today, catalog: catalog, clock: clock))
    let transport = AsyncHTTPTransport(connectTimeout: .seconds(10), requestTimeout: .seconds(30))
    do {
      let client = PlatformClient(
        configuration: try ClientConfiguration(
          baseURL: emulator.baseURL, accountID: account,
          credentials: Credentials(username: username, secret: .apiToken(token)), requestsPerSecond: 10),
        transport: transport.transport)
      let result = try await body(client, emulator)
      await transport.shutdown()
      await emulator.shutdown()
      return result
    } catch {
      await transport.shutdown()
      await emulator.shutdown()
      throw error
    }
  }

  static func requests(_ emulator: RunningEmulator) async throws -> [LoggedRequest] {
    let object = try await ControlClient.send(.GET, "\(emulator.rootURL)/__emulator/requests", body: nil)
    return JSON.array(object["requests"]).map(LoggedRequest.init)
  }

  static func state(_ emulator: RunningEmulator) async throws -> EmulatorState {
    EmulatorState(try await ControlClient.send(.GET, "\(emulator.rootURL)/__emulator/state", body: nil))
  }

  static func body(
    _ pack: String, date: String? = nil, _ components: [(String, String)]
  ) -> ReleaseRequestBody {
    ReleaseRequestBody(
      ReleaseIntegrationPackRequest(
        id: pack, releaseSchedule: date == nil ? "IMMEDIATELY" : "RELEASE_ON_SPECIFIED_DATE", releaseOnDate: date,
        components: components.map { ReleasePackagedComponent(componentId: $0.0, version: $0.1) }))
  }

  @Test("an immediate release is IN_PROGRESS (HTTP 202) until its delay passes, then SUCCESS (HTTP 200)")
  func immediateReleaseSucceeds() async throws {
    let clock = ManualClock()
    try await Self.withClient(clock: clock.clock) { client, emulator in
      let response = try await client.createRelease(
        Self.body(Demo.ordersSync, [(Demo.orderSyncProcess, "2.0"), (Demo.orderMapping, "1.4")]))
      let requestId = response.requestId
      #expect(requestId.hasPrefix("release-"))
      #expect(
        response.releaseStatusUrl == "\(emulator.baseURL)/\(Self.account)/ReleaseIntegrationPackStatus/\(requestId)")

      // Poll, moving the emulator's clock a little each time, until the release settles.
      var statuses: [String] = []
      for _ in 0..<20 {
        let status = try await client.releaseStatus(requestId: requestId)
        #expect(status.integrationPackId == Demo.ordersSync)
        statuses.append(status.releaseStatus ?? "none")
        if status.releaseStatus == "SUCCESS" { break }
        clock.advance(by: .milliseconds(30))
      }
      #expect(statuses.first == "IN_PROGRESS")
      #expect(statuses.last == "SUCCESS")
      #expect(statuses.dropLast().allSatisfy { $0 == "IN_PROGRESS" })

      let reads = try await Self.requests(emulator).filter { $0.path.contains("ReleaseIntegrationPackStatus/") }
      #expect(reads.count == statuses.count)
      #expect(reads.first?.status == 202)
      #expect(reads.last?.status == 200)
      let pack = try await client.publisherIntegrationPack(id: Demo.ordersSync)
      #expect(pack.components.first { $0.componentId == Demo.orderSyncProcess }?.currentVersion == "2.0")
    }
  }

  @Test("a scheduled release is SCHEDULED, and UPDATE modifies that same release")
  func scheduledThenUpdated() async throws {
    try await Self.withClient { client, emulator in
      let created = try await client.createRelease(
        Self.body(Demo.billingExport, date: "2026-12-20", [(Demo.invoiceExport, "3.1")]))
      let createId = created.requestId
      let scheduled = try await client.releaseStatus(requestId: createId)
      #expect(scheduled.releaseStatus == "SCHEDULED")
      #expect(scheduled.releaseOnDate == "2026-12-20")

      let updated = try await client.updateRelease(
        packId: Demo.billingExport, Self.body(Demo.billingExport, date: "2027-01-10", [(Demo.invoiceExport, "3.2")]))
      let updateId = updated.requestId
      #expect(updateId != createId)
      let after = try await client.releaseStatus(requestId: updateId)
      #expect(after.releaseStatus == "SCHEDULED")
      #expect(after.releaseOnDate == "2027-01-10")
      #expect(after.components.first?.version == "3.2")

      // One release, modified in place: it carries both requestIds.
      let releases = try await Self.state(emulator).releases(of: Demo.billingExport)
      #expect(releases.count == 1)
      #expect(releases.first?.requestIds == [createId, updateId])
      #expect(releases.first?.operations == ["CREATE", "UPDATE"])
      let pack = try await client.publisherIntegrationPack(id: Demo.billingExport)
      #expect(pack.components.first?.pendingVersion == "3.2")
      let updates = try await Self.requests(emulator).filter { $0.isUpdate }
      #expect(updates.map(\.path) == ["/api/rest/v1/\(Self.account)/ReleaseIntegrationPack/\(Demo.billingExport)"])
    }
  }

  /// A request Boomi's rules refuse, and words of Boomi's message.
  struct Violation: Sendable, CustomTestStringConvertible {
    var label: String
    var update: Bool
    var pack: String
    var date: String?
    var components: [String]
    var message: String

    var testDescription: String { label }
  }

  static let violations: [Violation] = [
    Violation(
      label: "component not in the pack", update: false, pack: Demo.ordersSync, date: nil,
      components: [Demo.invoiceExport, "3.2"], message: "is not in integration pack \(Demo.ordersSync)"),
    Violation(
      label: "version not shareable", update: false, pack: Demo.ordersSync, date: nil,
      components: [Demo.orderSyncProcess, "2.1"], message: "is not shareable"),
    Violation(
      label: "date not in the future", update: false, pack: Demo.billingExport, date: "2026-11-23",
      components: [Demo.invoiceExport, "3.2"], message: "must be a future date"),
    Violation(
      label: "UPDATE with nothing pending", update: true, pack: Demo.inventoryFeed, date: "2026-12-01",
      components: [Demo.inventoryFeedComponent, "5.0"], message: "has no scheduled release pending"),
  ]

  @Test("a request that breaks a rule is rejected with Boomi's message, and nothing is released", arguments: violations)
  func ruleViolations(_ violation: Violation) async throws {
    try await Self.withClient { client, emulator in
      let body = Self.body(violation.pack, date: violation.date, [(violation.components[0], violation.components[1])])
      do {
        _ =
          violation.update
          ? try await client.updateRelease(packId: violation.pack, body) : try await client.createRelease(body)
        Issue.record("the emulator accepted a request that breaks a rule (\(violation.label))")
      } catch let error as PlatformError {
        guard case .rejected(let status, let message) = error else {
          Issue.record("expected .rejected, got \(error)")
          return
        }
        #expect(status == 400)
        #expect(message.contains(violation.message), "\(message)")
      }
      #expect(try await Self.state(emulator).releases.isEmpty)
    }
  }

  @Test("a 30 % storm of 503s is retried through, with exactly one release processed per CREATE")
  func storm503() async throws {
    let packs = TestPack.many(12)
    let catalog = Catalog(
      packs: packs.map { pack in
        Catalog.Pack(
          id: pack.id, name: pack.name,
          components: [
            Catalog.Component(
              componentId: pack.componentId, componentName: pack.name,
              versions: [Catalog.PackagedVersion(packageId: UUID().uuidString.lowercased(), packageVersion: "1.0")])
          ])
      })
    // The rate limit is high so that every 503 is an injected one.
    try await Self.withClient(catalog: catalog, faults: FaultSettings(fail503: 0.3), rateLimit: 1000, seed: 11) {
      client, emulator in
      var requestIds: [String: String] = [:]
      for pack in packs {
        let response = try await client.createRelease(Self.body(pack.id, [(pack.componentId, "1.0")]))
        requestIds[pack.id] = response.requestId
      }
      let log = try await Self.requests(emulator)
      let faults = log.filter { $0.outcome == "fault-503" }
      #expect(!faults.isEmpty, "the storm injected no 503 at all: the test proves nothing")
      #expect(faults.allSatisfy { $0.status == 503 })
      for pack in packs {
        let processed = log.filter { $0.isCreate && $0.wasProcessed && $0.packId == pack.id }
        #expect(processed.count == 1, "\(pack.name): \(processed)")
        #expect(processed.first?.requestId == requestIds[pack.id])
      }
      let state = try await Self.state(emulator)
      #expect(state.releases.count == packs.count)
    }
  }

  @Test("a CREATE processed and then dropped on a reused connection is ambiguous, and was received once")
  func droppedAfterCommit() async throws {
    try await Self.withClient(faults: FaultSettings(dropAfterCommit: 1.0)) { client, emulator in
      // A read first, so the CREATE goes over a kept-alive connection that then dies.
      _ = try await client.publisherIntegrationPack(id: Demo.ordersSync)
      do {
        _ = try await client.createRelease(Self.body(Demo.ordersSync, [(Demo.orderSyncProcess, "2.0")]))
        Issue.record("a dropped CREATE was reported as a success")
      } catch let error as PlatformError {
        guard case .ambiguous = error else {
          Issue.record("expected .ambiguous, got \(error)")
          return
        }
      }
      // Give any (wrong) re-send a moment to arrive before counting.
      try await Task.sleep(for: .milliseconds(300))
      let creates = try await Self.requests(emulator).filter { $0.isCreate }
      #expect(creates.count == 1, "\(creates)")
      #expect(creates.first?.outcome == "dropped")
      #expect(try await Self.state(emulator).releases(of: Demo.ordersSync).count == 1)
    }
  }
}
