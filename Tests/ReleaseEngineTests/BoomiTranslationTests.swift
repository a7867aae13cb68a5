import BoomiAPI
import Foundation
import ReleaseCore
import Testing

@testable import ReleaseEngine

private let x = "b420a8ab-8e4e-41b2-93ce-079093a03af2"

private func status(_ json: String) throws -> ReleaseIntegrationPackStatus {
  try WireCoding.decode(ReleaseIntegrationPackStatus.self, from: Array(json.utf8))
}

@Suite("Wire and domain")
struct BoomiTranslationTests {
  var scheduled: ReleaseContent {
    get throws {
      ReleaseContent(
        schedule: .onDate(try #require(CalendarDate(year: 2026, month: 12, day: 20))),
        components: [PinnedComponent(componentId: x, version: "2.0")])
    }
  }

  @Test("a call's body is Boomi's: the schedule's wire value, a date only when scheduled, the components")
  func requestForCall() throws {
    let call = ReleaseCall(
      packId: packA, name: "a", operation: .create, content: try scheduled, previousRequestId: nil)
    let request = BoomiTranslation.request(for: call)
    #expect(request.id == packA)
    #expect(request.releaseSchedule == "RELEASE_ON_SPECIFIED_DATE")
    #expect(request.releaseOnDate == "2026-12-20")
    #expect(request.components == [ReleasePackagedComponent(componentId: x, version: "2.0")])
  }

  @Test("import takes the release as Boomi describes it, and refuses another pack's release")
  func importRelease() throws {
    let reading = try status(
      #"""
      {"@type":"ReleaseIntegrationPackStatus","responseStatusCode":200,"integrationPackId":"\#(packA)",
       "releaseSchedule":"RELEASE_ON_SPECIFIED_DATE","releaseOnDate":"2026-12-20","releaseStatus":"SCHEDULED",
       "requestId":"release-9","ReleasePackagedComponents":{"ReleasePackagedComponent":[{"componentId":"\#(x)","version":"2.0"}]}}
      """#)
    let time = Date(timeIntervalSince1970: 1_795_000_000)
    let release = try BoomiTranslation.importedRelease(reading, requestId: "release-9", packId: packA, at: time)
    #expect(release.content == (try scheduled))
    #expect(release.status == .scheduled)
    #expect(release.appliedAt == "2026-11-18T11:06:40Z", "recorded at the time given, never a placeholder")
    #expect(throws: ImportRefusal.self) {
      _ = try BoomiTranslation.importedRelease(reading, requestId: "release-9", packId: "other-pack", at: time)
    }
  }

  @Test("an immediate release's content ignores the releaseOnDate Boomi's example pairs it with")
  func immediateWithDate() throws {
    let reading = try status(
      #"{"releaseSchedule":"IMMEDIATELY","releaseOnDate":"2026-12-20","ReleasePackagedComponents":{"ReleasePackagedComponent":[{"componentId":"\#(x)","releasedVersion":"2.0"}]}}"#
    )
    #expect(
      BoomiTranslation.content(of: reading)
        == ReleaseContent(schedule: .immediately, components: [PinnedComponent(componentId: x, version: "2.0")]))
  }

  @Test("a pack's state keys components by lowercase id, with \"\" read as no version")
  func packState() throws {
    let pack = try WireCoding.decode(
      PublisherIntegrationPack.self,
      from: Array(
        #"{"id":"\#(packA.uppercased())","PublisherPackagedComponents":{"PublisherPackagedComponent":[{"componentId":"\#(x.uppercased())","currentVersion":"1.0","pendingVersion":"","deleted":false}]}}"#
          .utf8))
    let state = BoomiTranslation.packState(pack)
    #expect(state.packId == packA)
    #expect(state.components[x] == PackState.Component(current: "1.0", pending: nil))
  }

  @Test("Boomi's status words map to the domain's, and an unknown one to none")
  func statuses() {
    #expect(BoomiTranslation.status("SUCCESS") == .success)
    #expect(BoomiTranslation.status("IN_PROGRESS") == .inProgress)
    #expect(BoomiTranslation.status("CANCELLED") == nil)
    #expect(BoomiTranslation.status(nil) == nil)
  }
}
