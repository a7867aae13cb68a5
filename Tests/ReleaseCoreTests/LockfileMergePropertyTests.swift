import Foundation
import Testing

@testable import ReleaseCore

/// A run's changes to a lockfile, made one write at a time the way `LockfileStore` makes them:
/// releases recorded (the previous one moving to the history), statuses read, intents recorded
/// and settled, packs retired, saved plans applied. Its clock mostly moves forward, and now and
/// then back, as two CI runners' clocks may disagree.
struct SimulatedRun {
  var lockfile: Lockfile
  /// The ids of the intents this run settled in a way its lockfile shows: apply's answer, recover's
  /// adopted release, or `import` of the release with the attempt's content.
  var settledWithTrace: Set<String> = []
  /// The packs this run recorded a release of.
  var releasedPacks: Set<String> = []
  private var random: SeededGenerator
  private let tag: String
  private var clock: Int
  private var counter = 0
  private var planId: String

  static let packIds = (0..<6).map { String(format: "%08x-2222-4000-8000-%012x", $0, $0) }
  static let statuses: [ReleaseStatus] = [.inProgress, .success, .scheduled, .error]

  init(from lockfile: Lockfile, tag: String, clock: Int, seed: UInt64) {
    self.lockfile = lockfile
    self.tag = tag
    self.clock = clock
    random = SeededGenerator(seed: seed)
    planId = "plan-\(tag)-0"
  }

  /// After `steps` random operations.
  func running(_ steps: Int) -> SimulatedRun {
    var run = self
    for _ in 0..<steps { run.step() }
    return run
  }

  var now: Int { clock }

  private mutating func timestamp() -> String {
    clock += Int.random(in: 1...120, using: &random)
    if Int.random(in: 0..<20, using: &random) == 0 { clock -= 600 }  // a runner whose clock is behind
    return Timestamp.rfc3339(Date(timeIntervalSince1970: TimeInterval(clock)))
  }

  private mutating func nextId(_ prefix: String) -> String {
    counter += 1
    return "\(prefix)-\(tag)-\(counter)"
  }

  /// Content no other release or intent has (versions are unique), unless one is copied on purpose.
  private mutating func newContent() -> ReleaseContent {
    counter += 1
    let scheduled = Bool.random(using: &random)
    return ReleaseContent(
      schedule: scheduled ? .onDate(CalendarDate(daysSinceEpoch: 20_800 + counter)) : .immediately,
      components: [PinnedComponent(componentId: componentX, version: "\(tag).\(counter)")])
  }

  private func blocked(_ packId: String) -> Bool { lockfile.pending.contains { $0.packId == packId } }

  private mutating func unblockedPack() -> String? {
    Self.packIds.filter { !blocked($0) }.randomElement(using: &random)
  }

  /// `LockfileStore.install`: the release becomes current, the previous one goes to the history.
  private mutating func install(_ release: RecordedRelease, packId: String) {
    var record = lockfile.packs[packId] ?? lockfile.retired.removeValue(forKey: packId) ?? PackRecord()
    if let previous = record.release { record.history.append(previous) }
    record.release = release
    record.name = "pack-\(packId.prefix(8))"
    lockfile.packs[packId] = record
    releasedPacks.insert(packId)
  }

  private mutating func step() {
    switch Int.random(in: 0..<10, using: &random) {
    case 0, 1, 2:  // apply: a release recorded
      guard let packId = unblockedPack() else { break }
      let release = RecordedRelease(
        operation: .create, content: newContent(), requestId: nextId("release"),
        releaseStatusUrl: Bool.random(using: &random) ? "https://status/\(counter)" : nil, appliedAt: timestamp(),
        planId: planId)
      install(release, packId: packId)
    case 3:  // status: a status read for a current release
      let requestIds = (Array(lockfile.packs.values) + Array(lockfile.retired.values)).compactMap {
        $0.release?.requestId
      }
      guard let requestId = requestIds.sorted().randomElement(using: &random),
        let status = Self.statuses.randomElement(using: &random)
      else { break }
      lockfile.setStatus(status, requestId: requestId)
    case 4:  // apply: an attempt whose outcome is unknown
      guard let packId = unblockedPack() else { break }
      lockfile.pending.append(
        Intent(
          id: nextId("intent"), packId: packId, operation: .create, content: newContent(), bodyDigest: "00",
          planId: planId, createdAt: timestamp(),
          failure: Bool.random(using: &random) ? "read timeout" : nil))
    case 5:  // an attempt settled
      guard let intent = lockfile.pending.randomElement(using: &random) else { break }
      settle(intent)
    case 6:  // apply: why an attempt's outcome is unknown
      guard let index = lockfile.pending.indices.randomElement(using: &random) else { break }
      lockfile.pending[index].failure = "connection reset \(tag)"
    case 7:  // apply: a pack no longer in the manifest
      guard let packId = lockfile.packs.keys.sorted().randomElement(using: &random) else { break }
      lockfile.retired[packId] = lockfile.packs.removeValue(forKey: packId)
    case 8:  // apply PLANFILE: the plan recorded as applied (the most recent 6 kept), a new one next
      if !lockfile.appliedPlans.contains(planId) { lockfile.appliedPlans.append(planId) }
      if lockfile.appliedPlans.count > 6 { lockfile.appliedPlans.removeFirst(lockfile.appliedPlans.count - 6) }
      planId = nextId("plan")
    default:  // a run that changed nothing
      return
    }
    lockfile.serial += 1
  }

  /// Settles `intent` as apply, recover or import would.
  private mutating func settle(_ intent: Intent) {
    switch Int.random(in: 0..<4, using: &random) {
    case 0:  // apply got Boomi's answer
      lockfile.pending.removeAll { $0.id == intent.id }
      install(
        RecordedRelease(
          operation: intent.operation, content: intent.content, requestId: nextId("release"), appliedAt: timestamp(),
          planId: intent.planId), packId: intent.packId)
      settledWithTrace.insert(intent.id)
    case 1:  // recover: it went through
      lockfile.pending.removeAll { $0.id == intent.id }
      let time = Date(timeIntervalSince1970: TimeInterval(clock))
      install(Recovery.recoveredRelease(for: intent, at: time, reason: "versions match"), packId: intent.packId)
      settledWithTrace.insert(intent.id)
    case 2:  // recover or apply: it was not sent
      lockfile.pending.removeAll { $0.id == intent.id }
    default:  // import: a release of the pack, which settles all its attempts
      let imported = Bool.random(using: &random) ? intent.content : newContent()
      let settled = lockfile.pending.filter { $0.packId == intent.packId }
      lockfile.pending.removeAll { $0.packId == intent.packId }
      install(
        RecordedRelease(
          operation: .create, content: imported, requestId: nextId("release"), status: .success,
          statusMessage: "imported", appliedAt: timestamp()), packId: intent.packId)
      for attempt in settled where attempt.content == imported { settledWithTrace.insert(attempt.id) }
    }
  }
}

/// BASE, and two sides that went on from it separately.
struct MergeCase {
  var base: Lockfile
  var ours: SimulatedRun
  var theirs: SimulatedRun

  init(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    let start = Lockfile(
      lineage: "lineage-\(seed)", serial: Int.random(in: 0...20, using: &random), account: "acme-8Q78Q1",
      endpoint: Bool.random(using: &random) ? "https://api.boomi.com" : nil)
    let clock = 1_790_000_000
    var origin = SimulatedRun(from: start, tag: "base", clock: clock, seed: random.next())
      .running(Int.random(in: 0..<25, using: &random))
    // Marks left by an earlier merge.
    for id in origin.lockfile.packs.keys.sorted() where Int.random(in: 0..<8, using: &random) == 0 {
      origin.lockfile.packs[id]?.needsRefresh = true
    }
    base = origin.lockfile
    ours = SimulatedRun(from: base, tag: "a", clock: origin.now, seed: random.next())
      .running(Int.random(in: 0..<15, using: &random))
    theirs = SimulatedRun(from: base, tag: "b", clock: origin.now, seed: random.next())
      .running(Int.random(in: 0..<15, using: &random))
  }

  func merge(_ ours: Lockfile, _ theirs: Lockfile) throws -> LockfileMerge.Merged {
    try LockfileMerge.merge(base: base, ours: ours, theirs: theirs).get()
  }
}

private func withSerial(_ lockfile: Lockfile, _ serial: Int) -> Lockfile {
  var copy = lockfile
  copy.serial = serial
  return copy
}

@Suite("LockfileMerge properties")
struct LockfileMergePropertyTests {
  static let seeds = Array(UInt64(1)...UInt64(300))

  @Test(
    "nothing either side recorded is lost: releases, history, retired packs, applied plans, new intents",
    arguments: seeds)
  func nothingLost(seed: UInt64) throws {
    let merge = MergeCase(seed: seed)
    let (ours, theirs) = (merge.ours.lockfile, merge.theirs.lockfile)
    let merged = try merge.merge(ours, theirs).lockfile
    let inBase = Set(merge.base.pending.map(\.id))
    for side in [ours, theirs] {
      for (packId, record) in Array(side.packs) + Array(side.retired) {
        let kept = Set(merged.record(for: packId)?.releases.map(\.requestId) ?? [])
        for release in record.releases {
          #expect(kept.contains(release.requestId), "seed \(seed): \(release.requestId) of \(packId) lost")
        }
      }
      for packId in side.retired.keys {
        #expect(merged.packs[packId] != nil || merged.retired[packId] != nil, "seed \(seed): \(packId) lost")
      }
      #expect(Set(side.appliedPlans).isSubset(of: merged.appliedPlans), "seed \(seed)")
      for intent in side.pending where !inBase.contains(intent.id) {
        #expect(merged.pending.contains { $0.id == intent.id }, "seed \(seed): new intent \(intent.id) lost")
      }
    }
    let both = Set(ours.pending.map(\.id)).intersection(theirs.pending.map(\.id))
    let kept = Set(merged.pending.map(\.id))
    #expect(both.isSubset(of: kept), "seed \(seed)")
    // An intent goes only when a side settled it in a way its lockfile shows, and then it does go.
    let traced = merge.ours.settledWithTrace.union(merge.theirs.settledWithTrace)
    for intent in ours.pending + theirs.pending where !kept.contains(intent.id) {
      #expect(traced.contains(intent.id), "seed \(seed): \(intent.id) dropped without a trace of its settlement")
    }
    #expect(kept.isDisjoint(with: traced), "seed \(seed): settled intents kept: \(kept.intersection(traced))")
  }

  @Test("the merge invents nothing, places each pack once, and records each release once", arguments: seeds)
  func wellFormed(seed: UInt64) throws {
    let merge = MergeCase(seed: seed)
    let (ours, theirs) = (merge.ours.lockfile, merge.theirs.lockfile)
    let merged = try merge.merge(ours, theirs).lockfile
    #expect(Set(merged.packs.keys).isDisjoint(with: merged.retired.keys), "seed \(seed)")
    func requestIds(_ lockfile: Lockfile) -> Set<String> {
      Set((Array(lockfile.packs.values) + Array(lockfile.retired.values)).flatMap { $0.releases.map(\.requestId) })
    }
    #expect(requestIds(merged) == requestIds(ours).union(requestIds(theirs)), "seed \(seed)")
    for (packId, record) in Array(merged.packs) + Array(merged.retired) {
      #expect(Set(record.chain).count == record.chain.count, "seed \(seed): \(packId) records a release twice")
    }
    #expect(Set(merged.appliedPlans).count == merged.appliedPlans.count, "seed \(seed)")
    #expect(Set(merged.appliedPlans) == Set(ours.appliedPlans + theirs.appliedPlans), "seed \(seed)")
    #expect(Set(merged.pending.map(\.id)).isSubset(of: (ours.pending + theirs.pending).map(\.id)), "seed \(seed)")
    #expect(merged.serial > ours.serial && merged.serial > theirs.serial, "seed \(seed)")
  }

  @Test("a release both sides recorded keeps the more settled status either side read", arguments: seeds)
  func mostSettledStatus(seed: UInt64) throws {
    let merge = MergeCase(seed: seed)
    let (ours, theirs) = (merge.ours.lockfile, merge.theirs.lockfile)
    let merged = try merge.merge(ours, theirs).lockfile
    func rank(_ status: ReleaseStatus?) -> Int {
      switch status {
      case nil: 0
      case .scheduled: 1
      case .inProgress: 2
      case .success, .error: 3
      }
    }
    func releases(_ lockfile: Lockfile) -> [String: RecordedRelease] {
      let all = (Array(lockfile.packs.values) + Array(lockfile.retired.values)).flatMap(\.releases)
      return Dictionary(all.map { ($0.requestId, $0) }) { first, _ in first }
    }
    let (mine, others, result) = (releases(ours), releases(theirs), releases(merged))
    for (requestId, release) in mine {
      guard let other = others[requestId], let kept = result[requestId] else { continue }
      #expect(rank(kept.status) == max(rank(release.status), rank(other.status)), "seed \(seed): \(requestId)")
      #expect((kept.releaseStatusUrl == nil) == (release.releaseStatusUrl == nil && other.releaseStatusUrl == nil))
    }
  }

  @Test("a pack one side retired stays retired unless the other side released it since", arguments: seeds)
  func retiredOrManaged(seed: UInt64) throws {
    let merge = MergeCase(seed: seed)
    let (ours, theirs) = (merge.ours.lockfile, merge.theirs.lockfile)
    let merged = try merge.merge(ours, theirs).lockfile
    for (managing, retiring, run) in [(ours, theirs, merge.ours), (theirs, ours, merge.theirs)] {
      for packId in Set(managing.packs.keys).intersection(retiring.retired.keys) {
        let released = run.releasedPacks.contains(packId)
        #expect((merged.packs[packId] != nil) == released, "seed \(seed): \(packId)")
        #expect((merged.retired[packId] != nil) == !released, "seed \(seed): \(packId)")
      }
    }
  }

  @Test("the merge is symmetric: which side is ours does not matter", arguments: seeds)
  func symmetric(seed: UInt64) throws {
    let merge = MergeCase(seed: seed)
    let forward = try merge.merge(merge.ours.lockfile, merge.theirs.lockfile)
    let backward = try merge.merge(merge.theirs.lockfile, merge.ours.lockfile)
    #expect(forward == backward, "seed \(seed)")
    #expect(LockfileFormat.encode(forward.lockfile) == LockfileFormat.encode(backward.lockfile), "seed \(seed)")
  }

  @Test(
    "the merge is idempotent: a side with itself, or the result with either side, changes only the serial",
    arguments: seeds)
  func idempotent(seed: UInt64) throws {
    let merge = MergeCase(seed: seed)
    let (ours, theirs) = (merge.ours.lockfile, merge.theirs.lockfile)
    for side in [ours, theirs] {
      #expect(try merge.merge(side, side).lockfile == withSerial(side, side.serial + 1), "seed \(seed)")
    }
    let merged = try merge.merge(ours, theirs).lockfile
    let next = withSerial(merged, merged.serial + 1)
    for side in [ours, theirs] {
      #expect(try merge.merge(merged, side).lockfile == next, "seed \(seed): again with a side")
      #expect(try merge.merge(side, merged).lockfile == next, "seed \(seed): a side again with it")
    }
  }

  @Test("the merged lockfile encodes and decodes back to itself", arguments: seeds)
  func roundTrip(seed: UInt64) throws {
    let merge = MergeCase(seed: seed)
    let merged = try merge.merge(merge.ours.lockfile, merge.theirs.lockfile).lockfile
    let (decoded, diagnostics) = LockfileFormat.decode(
      SourceText(path: "release.lock.json", bytes: LockfileFormat.encode(merged)))
    #expect(diagnostics.isEmpty, "seed \(seed): \(diagnostics)")
    #expect(decoded == merged, "seed \(seed)")
  }

  @Test(
    "the current release is the one a side's history explains, else the later, and only then is a pack marked",
    arguments: seeds)
  func currentRelease(seed: UInt64) throws {
    let merge = MergeCase(seed: seed)
    let (ours, theirs) = (merge.ours.lockfile, merge.theirs.lockfile)
    let result = try merge.merge(ours, theirs)
    for packId in Set(ours.packs.keys).union(ours.retired.keys).intersection(
      Set(theirs.packs.keys).union(theirs.retired.keys))
    {
      guard let mine = ours.record(for: packId)?.release, let other = theirs.record(for: packId)?.release,
        let current = result.lockfile.record(for: packId)?.release
      else { continue }
      let explained: String? =
        mine.requestId == other.requestId
        ? mine.requestId
        : theirs.record(for: packId)?.history.contains { $0.requestId == mine.requestId } == true
          ? other.requestId
          : ours.record(for: packId)?.history.contains { $0.requestId == other.requestId } == true
            ? mine.requestId : nil
      if let explained {
        #expect(current.requestId == explained, "seed \(seed): \(packId)")
        #expect(!result.markedForRefresh.contains(packId), "seed \(seed): \(packId)")
      } else {
        let later = (mine.appliedAt, mine.requestId) < (other.appliedAt, other.requestId) ? other : mine
        #expect(current.requestId == later.requestId, "seed \(seed): \(packId)")
        #expect(result.markedForRefresh.contains(packId), "seed \(seed): \(packId)")
        #expect(result.lockfile.record(for: packId)?.needsRefresh == true, "seed \(seed): \(packId)")
      }
    }
  }
}
