import Foundation
import Testing

@testable import ReleaseCore

private let x = "b420a8ab-8e4e-41b2-93ce-079093a03af2"
private let y = "5d3c1f0e-1111-4a4a-8b8b-222233334444"

private func intent(_ schedule: ReleaseSchedule, _ versions: [(String, String)]) -> Intent {
  Intent(
    id: "i-1", packId: packA, operation: .create,
    content: ReleaseContent(
      schedule: schedule, components: versions.map { PinnedComponent(componentId: $0.0, version: $0.1) }),
    bodyDigest: "00", createdAt: "2026-11-23T10:00:00Z")
}

/// A pack as Boomi shows it: per component, the current and the pending version ("" for none).
private func pack(_ components: [(id: String, current: String, pending: String)]) -> Recovery.Facts {
  var states: [String: PackState.Component] = [:]
  for component in components {
    states[component.id] = PackState.Component(
      current: component.current.isEmpty ? nil : component.current,
      pending: component.pending.isEmpty ? nil : component.pending)
  }
  return Recovery.Facts(pack: PackState(packId: packA, components: states))
}

private let scheduled = ReleaseSchedule.onDate(CalendarDate(year: 2026, month: 12, day: 20)!)

@Suite("Recovery")
struct RecoveryTests {
  @Test(
    "pending versions prove nothing: a scheduled or immediate attempt whose versions are only pending is undetermined")
  func pendingIsNoProof() throws {
    // A newly packaged version is "included in the next release" as well (SPEC §10.2).
    for schedule in [scheduled, .immediately] {
      let verdict = Recovery.judge(
        intent(schedule, [(x, "2.0")]), facts: pack([(x, "1.0", "2.0")]), previous: nil, age: .seconds(9999),
        settle: .seconds(600))
      #expect(verdict.kind == "undetermined", "\(schedule): \(verdict)")
    }
  }

  @Test("an immediate attempt whose versions are current went through")
  func immediateSent() throws {
    let verdict = Recovery.judge(
      intent(.immediately, [(x, "2.0")]), facts: pack([(x, "2.0", "")]), previous: nil, age: .seconds(5),
      settle: .seconds(600))
    #expect(verdict.kind == "sent", "\(verdict)")
  }

  @Test("a scheduled attempt whose versions are not even pending, once settled, did not go through")
  func scheduledNotSent() throws {
    let verdict = Recovery.judge(
      intent(scheduled, [(x, "2.0")]), facts: pack([(x, "1.0", "")]), previous: nil, age: .seconds(601),
      settle: .seconds(600))
    #expect(verdict.kind == "notSent", "\(verdict)")
  }

  @Test("versions that do not show are 'not sent' only once the attempt is older than the settle time")
  func notSentAfterSettling() throws {
    let attempt = intent(.immediately, [(x, "2.0")])
    let boomi = pack([(x, "1.0", "")])
    let recent = Recovery.judge(attempt, facts: boomi, previous: nil, age: .seconds(5), settle: .seconds(600))
    #expect(recent.kind == "undetermined", "a recent attempt must stay undetermined")
    let old = Recovery.judge(attempt, facts: boomi, previous: nil, age: .seconds(601), settle: .seconds(600))
    #expect(old.kind == "notSent", "an old attempt without its versions did not go through")
  }

  @Test("a partial match is undetermined")
  func partialMatch() throws {
    let verdict = Recovery.judge(
      intent(.immediately, [(x, "2.0"), (y, "3.0")]), facts: pack([(x, "2.0", ""), (y, "1.0", "")]),
      previous: nil, age: .seconds(9999), settle: .zero)
    #expect(verdict.kind == "undetermined", "\(verdict)")
  }

  @Test("versions already explained by the release recorded before are undetermined, not proof")
  func explainedByPrevious() throws {
    let previous = RecordedRelease(
      operation: .create, content: intent(.immediately, [(x, "2.0")]).content, requestId: "release-0", status: .error,
      appliedAt: "2026-11-01T00:00:00Z")
    let verdict = Recovery.judge(
      intent(.immediately, [(x, "2.0")]), facts: pack([(x, "2.0", "")]), previous: previous, age: .seconds(9999),
      settle: .zero)
    #expect(verdict.kind == "undetermined", "\(verdict)")
  }

  @Test("a pack Boomi does not have cannot have received a release")
  func noPack() {
    let verdict = Recovery.judge(
      intent(.immediately, [(x, "2.0")]), facts: Recovery.Facts(pack: nil), previous: nil, age: .zero,
      settle: .seconds(600))
    #expect(verdict.kind == "notSent", "\(verdict)")
  }

  @Test("a release recorded by recover carries an unrecorded: requestId, so nobody asks Boomi for it")
  func recoveredRelease() {
    let release = Recovery.recoveredRelease(
      for: intent(.immediately, [(x, "2.0")]), at: Date(timeIntervalSince1970: 0), reason: "versions match")
    #expect(RecordedRelease.isUnrecorded(release.requestId))
    #expect(release.statusMessage?.contains("versions match") == true)
  }

  @Test("a previous release whose status now shows this attempt's content means the attempt, an UPDATE, went through")
  func previousStatusShowsTheAttempt() {
    let attempt = intent(scheduled, [(x, "2.0")])
    let previous = RecordedRelease(
      operation: .create, content: intent(scheduled, [(x, "1.0")]).content, requestId: "release-0",
      appliedAt: "2026-11-01T00:00:00Z")
    var facts = pack([(x, "1.0", "1.0")])
    facts.previousAsShown = attempt.content
    let verdict = Recovery.judge(attempt, facts: facts, previous: previous, age: .zero, settle: .seconds(600))
    #expect(verdict.kind == "sent", "\(verdict)")
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
