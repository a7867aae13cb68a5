import Foundation
import Testing

@testable import ReleaseCore

private let lineage = "5b0f1c9e-0000-4000-8000-000000000001"

private func content(_ version: String, on day: String? = nil) -> ReleaseContent {
  ReleaseContent(
    schedule: day.map { .onDate(date($0)) } ?? .immediately,
    components: [PinnedComponent(componentId: componentX, version: version)])
}

private func release(
  _ requestId: String, at time: String, _ version: String = "1.0", status: ReleaseStatus? = nil,
  message: String? = nil, url: String? = nil, planId: String? = nil
) -> RecordedRelease {
  RecordedRelease(
    operation: .create, content: content(version), requestId: requestId, releaseStatusUrl: url, status: status,
    statusMessage: message, appliedAt: "2026-11-\(time)Z", planId: planId)
}

private func intent(
  _ id: String, pack: String = packA, _ version: String = "3.0", at time: String = "20T12:00:00",
  failure: String? = nil, planId: String? = nil
) -> Intent {
  Intent(
    id: id, packId: pack, operation: .create, content: content(version), bodyDigest: String(repeating: "ab", count: 32),
    planId: planId, createdAt: "2026-11-\(time)Z", failure: failure)
}

private func lockfile(
  serial: Int = 1, packs: [String: PackRecord] = [:], retired: [String: PackRecord] = [:], pending: [Intent] = [],
  appliedPlans: [String] = []
) -> Lockfile {
  Lockfile(
    lineage: lineage, serial: serial, account: "acme-8Q78Q1", packs: packs, retired: retired, pending: pending,
    appliedPlans: appliedPlans)
}

private let r1 = release("release-1", at: "01T10:00:00", "1.0", status: .success)
private let r2 = release("release-2", at: "02T10:00:00", "2.0")
private let r3 = release("release-3", at: "03T10:00:00", "3.0")
private let r4 = release("release-4", at: "04T10:00:00", "4.0")

/// BASE: pack A released once (r1).
private let base = lockfile(serial: 5, packs: [packA: PackRecord(name: "orders", release: r1)])

/// Merges both ways round, checks that both give the same lockfile, and returns the first.
private func merged(
  _ base: Lockfile, _ ours: Lockfile, _ theirs: Lockfile, sourceLocation: SourceLocation = #_sourceLocation
) throws -> LockfileMerge.Merged {
  let forward = try LockfileMerge.merge(base: base, ours: ours, theirs: theirs).get()
  let backward = try LockfileMerge.merge(base: base, ours: theirs, theirs: ours).get()
  #expect(
    forward == backward, "merge(base, ours, theirs) differs from merge(base, theirs, ours)",
    sourceLocation: sourceLocation)
  return forward
}

private func refusal(_ ours: Lockfile, _ theirs: Lockfile) -> LockfileMerge.Refusal? {
  guard case .failure(let refusal) = LockfileMerge.merge(base: .empty, ours: ours, theirs: theirs) else { return nil }
  return refusal
}

@Suite("LockfileMerge: identity and serial")
struct LockfileMergeIdentityTests {
  @Test("lockfiles of different lineages are refused, and the message names both")
  func differentLineage() throws {
    var theirs = base
    theirs.lineage = "other-lineage"
    let refused = try #require(refusal(base, theirs))
    #expect(refused == .differentLineage(ours: lineage, theirs: "other-lineage"))
    #expect(refused.description.contains(lineage) && refused.description.contains("other-lineage"))
  }

  @Test("lockfiles of different endpoints are refused, naming both; one side's endpoint is taken")
  func differentEndpoint() throws {
    var ours = base
    var theirs = base
    ours.endpoint = "https://api.boomi.com"
    theirs.endpoint = "emulator"
    let refused = try #require(refusal(ours, theirs))
    #expect(refused.description.contains("https://api.boomi.com") && refused.description.contains("emulator"))
    theirs.endpoint = nil
    #expect(try merged(base, ours, theirs).lockfile.endpoint == "https://api.boomi.com")
  }

  @Test("lockfiles of different accounts are refused, naming both; one side's account is taken")
  func differentAccount() throws {
    var theirs = base
    theirs.account = "other-ABC123"
    let refused = try #require(refusal(base, theirs))
    #expect(refused == .differentAccount(ours: "acme-8Q78Q1", theirs: "other-ABC123"))
    theirs.account = nil
    #expect(try merged(base, base, theirs).lockfile.account == "acme-8Q78Q1")
  }

  @Test("the serial exceeds both sides'")
  func serial() throws {
    var ours = base
    var theirs = base
    ours.serial = 9
    theirs.serial = 6
    #expect(try merged(base, ours, theirs).lockfile.serial == 10)
  }

  @Test("a serial that cannot grow any more is refused rather than written past the maximum")
  func serialExhausted() {
    var ours = base
    ours.serial = Lockfile.maximumSerial
    #expect(refusal(ours, base) == .serialExhausted(Lockfile.maximumSerial))
  }

  @Test("with no common ancestor (an empty BASE), everything of both sides is kept")
  func noAncestor() throws {
    let ours = lockfile(packs: [packA: PackRecord(release: r1)], pending: [intent("i-1")], appliedPlans: ["p-1"])
    let theirs = lockfile(packs: [packB: PackRecord(release: r2)], pending: [intent("i-2", pack: packB)])
    let result = try merged(.empty, ours, theirs).lockfile
    #expect(result.packs[packA]?.release == r1 && result.packs[packB]?.release == r2)
    #expect(result.pending.map(\.id) == ["i-1", "i-2"])
    #expect(result.appliedPlans == ["p-1"])
    #expect(result.lineage == lineage)
  }
}

@Suite("LockfileMerge: releases")
struct LockfileMergeReleaseTests {
  @Test("releases of different packs on the two sides are all kept")
  func differentPacks() throws {
    var ours = base
    ours.packs[packA] = PackRecord(name: "orders", release: r2, history: [r1])
    var theirs = base
    theirs.packs[packB] = PackRecord(name: "billing", release: r3)
    let result = try merged(base, ours, theirs)
    #expect(result.lockfile.packs[packA] == PackRecord(name: "orders", release: r2, history: [r1]))
    #expect(result.lockfile.packs[packB] == PackRecord(name: "billing", release: r3))
    #expect(result.markedForRefresh.isEmpty)
  }

  @Test("one side's current release in the other side's history: the other side's newer release is current")
  func supersededOnOneSide() throws {
    var ours = base
    ours.packs[packA] = PackRecord(name: "orders", release: r2, history: [r1])
    // Older than r2 by the clock, but theirs recorded r3 after r2: the history decides, not the time.
    let early = release("release-3", at: "01T09:00:00", "3.0")
    var theirs = base
    theirs.packs[packA] = PackRecord(name: "orders", release: early, history: [r1, r2])
    let result = try merged(base, ours, theirs)
    #expect(result.lockfile.packs[packA] == PackRecord(name: "orders", release: early, history: [r1, r2]))
    #expect(result.markedForRefresh.isEmpty)
  }

  @Test("a side with no release of a pack takes the other side's")
  func oneSideHasNone() throws {
    var ours = base
    ours.packs[packB] = PackRecord(name: "billing")
    var theirs = base
    theirs.packs[packB] = PackRecord(name: "billing", release: r3)
    #expect(try merged(base, ours, theirs).lockfile.packs[packB] == PackRecord(name: "billing", release: r3))
  }

  @Test("two current releases neither history explains: the later is current, the other kept, the pack marked")
  func unexplainedCurrents() throws {
    var ours = base
    ours.packs[packA] = PackRecord(name: "orders", release: r3, history: [r1])
    var theirs = base
    theirs.packs[packA] = PackRecord(name: "orders", release: r2, history: [r1])
    let result = try merged(base, ours, theirs)
    #expect(
      result.lockfile.packs[packA] == PackRecord(name: "orders", release: r3, history: [r1, r2], needsRefresh: true))
    #expect(result.markedForRefresh == [packA])
  }

  @Test("two current releases applied in the same second: the larger requestId is current")
  func unexplainedTie() throws {
    let first = release("release-a", at: "05T10:00:00", "2.0")
    let second = release("release-b", at: "05T10:00:00", "3.0")
    var ours = base
    ours.packs[packA] = PackRecord(name: "orders", release: first, history: [r1])
    var theirs = base
    theirs.packs[packA] = PackRecord(name: "orders", release: second, history: [r1])
    let record = try #require(try merged(base, ours, theirs).lockfile.packs[packA])
    #expect(record.release == second && record.history == [r1, first] && record.needsRefresh)
  }

  @Test("a needsRefresh mark on either side stays")
  func markStays() throws {
    var ours = base
    ours.packs[packA]?.needsRefresh = true
    var theirs = base
    theirs.packs[packA] = PackRecord(name: "orders", release: r2, history: [r1])
    let result = try merged(base, ours, theirs)
    #expect(result.lockfile.packs[packA] == PackRecord(name: "orders", release: r2, history: [r1], needsRefresh: true))
    #expect(result.markedForRefresh.isEmpty)
  }

  @Test("one release on both sides is merged field by field: the settled status and its message, any status URL")
  func sameRequestId() throws {
    var ours = base
    ours.packs[packA] = PackRecord(
      name: "orders", release: release("release-2", at: "02T10:00:00", "2.0", url: "https://x/release-2"),
      history: [r1])
    var theirs = base
    theirs.packs[packA] = PackRecord(
      name: "orders", release: release("release-2", at: "02T10:00:00", "2.0", status: .error, message: "refused"),
      history: [r1])
    let current = try #require(try merged(base, ours, theirs).lockfile.packs[packA]?.release)
    #expect(current.status == .error && current.statusMessage == "refused")
    #expect(current.releaseStatusUrl == "https://x/release-2")
  }

  @Test(
    "the more settled status wins: SUCCESS or ERROR, then IN_PROGRESS, then SCHEDULED, then none",
    arguments: [
      (ReleaseStatus.success, ReleaseStatus.inProgress), (.error, .scheduled), (.success, nil),
      (.inProgress, .scheduled),
      (.inProgress, nil), (.scheduled, nil),
    ] as [(ReleaseStatus, ReleaseStatus?)])
  func moreSettledWins(settled: ReleaseStatus, other: ReleaseStatus?) throws {
    var ours = base
    ours.packs[packA]?.release?.status = settled
    var theirs = base
    theirs.packs[packA]?.release?.status = other
    #expect(try merged(base, ours, theirs).lockfile.packs[packA]?.release?.status == settled)
  }

  @Test("the history interleaves both sides' releases by the time they were applied")
  func historyOrder() throws {
    let a1 = release("release-a1", at: "01T00:00:00")
    let a3 = release("release-a3", at: "03T00:00:00")
    let a5 = release("release-a5", at: "05T00:00:00")
    let b2 = release("release-b2", at: "02T00:00:00")
    let b4 = release("release-b4", at: "04T00:00:00")
    let b6 = release("release-b6", at: "06T00:00:00")
    let ours = lockfile(packs: [packC: PackRecord(release: a5, history: [a1, a3])])
    let theirs = lockfile(packs: [packC: PackRecord(release: b6, history: [b2, b4])])
    let record = try #require(try merged(.empty, ours, theirs).lockfile.packs[packC])
    #expect(record.release == b6)
    #expect(record.history.map(\.requestId) == ["release-a1", "release-b2", "release-a3", "release-b4", "release-a5"])
  }

  @Test("a side's own history order is kept even where its clock went backwards")
  func skewedHistoryKept() throws {
    let late = release("release-late", at: "09T00:00:00")
    let early = release("release-early", at: "01T00:00:00")
    let side = lockfile(packs: [packC: PackRecord(release: r4, history: [late, early])])
    #expect(try merged(.empty, side, side).lockfile.packs[packC]?.history == [late, early])
  }
}

@Suite("LockfileMerge: managed and retired packs")
struct LockfileMergeRetiredTests {
  @Test("a pack one side retired and the other left as it was is retired")
  func retiredWins() throws {
    var ours = base
    ours.retired[packA] = ours.packs.removeValue(forKey: packA)
    let result = try merged(base, ours, base).lockfile
    #expect(result.packs[packA] == nil)
    #expect(result.retired[packA] == base.packs[packA])
  }

  @Test("a pack one side retired and the other released again is managed, with every release")
  func releasedAgainWins() throws {
    var ours = base
    ours.retired[packA] = ours.packs.removeValue(forKey: packA)
    var theirs = base
    theirs.packs[packA] = PackRecord(name: "orders", release: r2, history: [r1])
    let result = try merged(base, ours, theirs).lockfile
    #expect(result.retired[packA] == nil)
    #expect(result.packs[packA] == PackRecord(name: "orders", release: r2, history: [r1]))
  }

  @Test("a pack retired on both sides stays retired, its releases merged")
  func retiredOnBoth() throws {
    var ours = base
    ours.retired[packA] = ours.packs.removeValue(forKey: packA)
    var theirs = ours
    theirs.retired[packA]?.release?.releaseStatusUrl = "https://x/release-1"
    let result = try merged(base, ours, theirs).lockfile
    #expect(result.packs.isEmpty && result.retired[packA]?.release?.releaseStatusUrl == "https://x/release-1")
  }
}

@Suite("LockfileMerge: intents")
struct LockfileMergeIntentTests {
  @Test("intents new on either side are kept; one intent on both sides keeps the failure either noted")
  func newIntents() throws {
    var ours = base
    ours.pending = [intent("i-shared"), intent("i-ours", pack: packB)]
    var theirs = base
    theirs.pending = [intent("i-shared", failure: "read timeout"), intent("i-theirs", pack: packC)]
    let result = try merged(base, ours, theirs)
    #expect(result.lockfile.pending.map(\.id).sorted() == ["i-ours", "i-shared", "i-theirs"])
    #expect(result.lockfile.pending.first { $0.id == "i-shared" }?.failure == "read timeout")
    #expect(result.reinstatedIntents.isEmpty)
  }

  @Test("an intent one side settled with apply's answer (its content, released) is dropped")
  func settledByApply() throws {
    var start = base
    start.pending = [intent("i-1", "3.0")]
    var ours = base  // apply got the answer: the intent became release r3 (content 3.0)
    ours.packs[packA] = PackRecord(name: "orders", release: r3, history: [r1])
    let result = try merged(start, ours, start)
    #expect(result.lockfile.pending.isEmpty && result.reinstatedIntents.isEmpty)
    #expect(result.lockfile.packs[packA]?.release == r3)
  }

  @Test("an intent one side settled with recover's adopted release (unrecorded:<id>) is dropped")
  func settledByRecover() throws {
    var start = base
    start.pending = [intent("i-1", "3.0")]
    var ours = base
    let adopted = Recovery.recoveredRelease(
      for: intent("i-1", "3.0"), at: Date(timeIntervalSince1970: 1_800_000_000), reason: "versions match")
    ours.packs[packA] = PackRecord(name: "orders", release: adopted, history: [r1])
    #expect(try merged(start, ours, start).lockfile.pending.isEmpty)
    // Recover records the content the attempt sent; the id alone is proof enough.
    ours.packs[packA]?.release?.content = content("9.9")
    #expect(try merged(start, ours, start).lockfile.pending.isEmpty)
  }

  @Test("an intent one side removed without a trace (not sent) is kept, and said so")
  func notSentKept() throws {
    var start = base
    start.pending = [intent("i-1", "3.0")]
    let result = try merged(start, base, start)
    #expect(result.lockfile.pending == [intent("i-1", "3.0")])
    #expect(result.reinstatedIntents == [intent("i-1", "3.0")])
  }

  @Test("a release BASE already had is no trace of an intent, even with the same content")
  func oldReleaseIsNoTrace() throws {
    var start = base
    start.pending = [intent("i-1", "1.0")]  // the content of r1, released before
    #expect(try merged(start, base, start).lockfile.pending.map(\.id) == ["i-1"])
  }

  @Test("an intent both sides removed is gone")
  func removedByBoth() throws {
    var start = base
    start.pending = [intent("i-1")]
    #expect(try merged(start, base, base).lockfile.pending.isEmpty)
  }

  @Test("intents keep BASE's order first, then the new ones by creation time")
  func intentOrder() throws {
    var start = base
    start.pending = [intent("i-z", at: "01T00:00:00"), intent("i-a", at: "02T00:00:00")]
    var ours = start
    ours.pending.append(intent("i-late", pack: packB, at: "09T00:00:00"))
    var theirs = start
    theirs.pending.append(intent("i-early", pack: packC, at: "05T00:00:00"))
    #expect(try merged(start, ours, theirs).lockfile.pending.map(\.id) == ["i-z", "i-a", "i-early", "i-late"])
  }
}

@Suite("LockfileMerge: applied plans and idempotence")
struct LockfileMergeAppliedPlanTests {
  @Test("applied plans are the union: BASE's order first, then the others by when their releases were applied")
  func appliedPlans() throws {
    var start = base
    start.appliedPlans = ["p-old-2", "p-old-1"]
    var ours = start
    ours.packs[packB] = PackRecord(release: release("release-b", at: "10T00:00:00", planId: "p-z"))
    ours.appliedPlans += ["p-z"]
    var theirs = start
    theirs.packs[packC] = PackRecord(release: release("release-c", at: "08T00:00:00", planId: "p-y"))
    theirs.appliedPlans += ["p-y", "p-x"]  // p-x left nothing in the lockfile: its time is unknown
    #expect(
      try merged(start, ours, theirs).lockfile.appliedPlans == ["p-old-2", "p-old-1", "p-y", "p-z", "p-x"])
  }

  @Test("an applied plan id one side trimmed is kept from the other side")
  func trimmedPlanKept() throws {
    var start = base
    start.appliedPlans = ["p-1", "p-2"]
    var ours = start
    ours.appliedPlans = ["p-2", "p-3"]
    #expect(try merged(start, ours, start).lockfile.appliedPlans == ["p-1", "p-2", "p-3"])
  }

  @Test("merging a lockfile with itself gives it back with the next serial")
  func mergeWithItself() throws {
    var expected = richLockfile
    expected.serial += 1
    #expect(try merged(richLockfile, richLockfile, richLockfile).lockfile == expected)
    #expect(try merged(.empty, richLockfile, richLockfile).lockfile == expected)
  }
}

@Suite("LockfileMerge: order")
struct LockfileMergeOrderTests {
  private static func key(_ id: String) -> LockfileMerge.SortKey { LockfileMerge.SortKey(id: id) }

  @Test("each list's own order is kept, and the key decides the rest")
  func keepsBothOrders() {
    #expect(LockfileMerge.orderedUnion(["c", "a"], ["b", "a", "d"], key: Self.key) == ["b", "c", "a", "d"])
  }

  @Test("lists that disagree on the order still merge to one order, whichever comes first")
  func disagreeing() {
    let forward = LockfileMerge.orderedUnion(["x", "b", "a"], ["a", "b", "y"], key: Self.key)
    #expect(forward == LockfileMerge.orderedUnion(["a", "b", "y"], ["x", "b", "a"], key: Self.key))
    #expect(forward.sorted() == ["a", "b", "x", "y"])
  }
}
