import BoomiAPI
import Foundation
import ReleaseCore
import Testing

@testable import ReleaseEngine

private let packA = "f0f7face-3a9d-48b1-8a32-82b84499cd4e"
private let x = "b420a8ab-8e4e-41b2-93ce-079093a03af2"
private let y = "5d3c1f0e-1111-4a4a-8b8b-222233334444"

private func intent(_ schedule: ReleaseSchedule, _ versions: [(String, String)]) -> Intent {
  Intent(
    id: "i-1", packId: packA, operation: .create,
    content: ReleaseContent(
      schedule: schedule, components: versions.map { PinnedComponent(componentId: $0.0, version: $0.1) }),
    bodyDigest: "00", createdAt: "2026-11-23T10:00:00Z")
}

/// A pack as Boomi's GET PublisherIntegrationPack shows it.
private func pack(_ components: [(id: String, current: String, pending: String)]) throws -> PublisherIntegrationPack {
  let items = components.map {
    #"{"componentId":"\#($0.id)","currentVersion":"\#($0.current)","pendingVersion":"\#($0.pending)","deleted":false}"#
  }
  let json =
    #"{"id":"\#(packA)","PublisherPackagedComponents":{"PublisherPackagedComponent":[\#(items.joined(separator: ","))]}}"#
  return try WireCoding.decode(PublisherIntegrationPack.self, from: Array(json.utf8))
}

private let scheduled = ReleaseSchedule.onDate(CalendarDate(year: 2026, month: 12, day: 20)!)

@Suite("Recovery")
struct RecoveryTests {
  @Test("a scheduled attempt whose versions are the pack's pending versions went through")
  func scheduledSent() throws {
    let verdict = Recovery.judge(
      intent(scheduled, [(x, "2.0")]), pack: try pack([(x, "1.0", "2.0")]), previous: nil, age: .seconds(5),
      settle: .seconds(600))
    #expect(verdict.kind == "sent", "\(verdict)")
  }

  @Test("an immediate attempt whose versions are current, or still pending, went through")
  func immediateSent() throws {
    for state in [(x, "2.0", ""), (x, "1.0", "2.0")] {
      let verdict = Recovery.judge(
        intent(.immediately, [(x, "2.0")]), pack: try pack([state]), previous: nil, age: .seconds(5),
        settle: .seconds(600))
      #expect(verdict.kind == "sent", "\(verdict)")
    }
  }

  @Test("versions that do not show are 'not sent' only once the attempt is older than the settle time")
  func notSentAfterSettling() throws {
    let attempt = intent(.immediately, [(x, "2.0")])
    let boomi = try pack([(x, "1.0", "")])
    let recent = Recovery.judge(attempt, pack: boomi, previous: nil, age: .seconds(5), settle: .seconds(600))
    #expect(recent.kind == "undetermined", "a recent attempt must stay undetermined")
    let old = Recovery.judge(attempt, pack: boomi, previous: nil, age: .seconds(601), settle: .seconds(600))
    #expect(old.kind == "notSent", "an old attempt without its versions did not go through")
  }

  @Test("a partial match is undetermined")
  func partialMatch() throws {
    let verdict = Recovery.judge(
      intent(.immediately, [(x, "2.0"), (y, "3.0")]), pack: try pack([(x, "2.0", ""), (y, "1.0", "")]),
      previous: nil, age: .seconds(9999), settle: .zero)
    #expect(verdict.kind == "undetermined", "\(verdict)")
  }

  @Test("versions already explained by the release recorded before are undetermined, not proof")
  func explainedByPrevious() throws {
    let previous = RecordedRelease(
      operation: .create, content: intent(.immediately, [(x, "2.0")]).content, requestId: "release-0", status: .error,
      appliedAt: "2026-11-01T00:00:00Z")
    let verdict = Recovery.judge(
      intent(.immediately, [(x, "2.0")]), pack: try pack([(x, "2.0", "")]), previous: previous, age: .seconds(9999),
      settle: .zero)
    #expect(verdict.kind == "undetermined", "\(verdict)")
  }

  @Test("a pack Boomi does not have cannot have received a release")
  func noPack() {
    let verdict = Recovery.judge(
      intent(.immediately, [(x, "2.0")]), pack: nil, previous: nil, age: .zero, settle: .seconds(600))
    #expect(verdict.kind == "notSent", "\(verdict)")
  }

  @Test("a release recorded by recover carries an unrecorded: requestId, so nobody asks Boomi for it")
  func recoveredRelease() {
    let release = Recovery.recoveredRelease(
      for: intent(.immediately, [(x, "2.0")]), at: Date(timeIntervalSince1970: 0), reason: "versions match")
    #expect(RecordedRelease.isUnrecorded(release.requestId))
    #expect(release.statusMessage?.contains("versions match") == true)
  }

  @Test("import takes the release as Boomi describes it, and refuses another pack's release")
  func importRelease() throws {
    let json = #"""
      {"@type":"ReleaseIntegrationPackStatus","responseStatusCode":200,"integrationPackId":"\#(packA)",
       "releaseSchedule":"RELEASE_ON_SPECIFIED_DATE","releaseOnDate":"2026-12-20","releaseStatus":"SCHEDULED",
       "requestId":"release-9","ReleasePackagedComponents":{"ReleasePackagedComponent":[{"componentId":"\#(x)","version":"2.0"}]}}
      """#
    let status = try WireCoding.decode(ReleaseIntegrationPackStatus.self, from: Array(json.utf8))
    let release = try ReleaseImport.release(from: status, requestId: "release-9", packId: packA, at: Date())
    #expect(release.content == intent(scheduled, [(x, "2.0")]).content)
    #expect(release.status == .scheduled)
    #expect(throws: ReleaseImport.Failure.self) {
      _ = try ReleaseImport.release(from: status, requestId: "release-9", packId: "other-pack", at: Date())
    }
  }
}

extension Recovery.Verdict {
  var kind: String {
    switch self {
    case .sent: "sent"
    case .notSent: "notSent"
    case .undetermined: "undetermined"
    }
  }
}
