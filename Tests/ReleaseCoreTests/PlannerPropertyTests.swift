import Foundation
import Testing

@testable import ReleaseCore

/// A random world: a manifest, a lockfile that partly agrees with it, and a today.
struct World {
  var manifest: Manifest
  var lockfile: Lockfile
  var today: CalendarDate

  init(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    let today = CalendarDate(daysSinceEpoch: 20_400 + Int.random(in: 0..<400, using: &random))
    let componentIDs = (0..<6).map { String(format: "%08x-0000-4000-8000-%012x", seed & 0xffff, $0) }
    func randomContent(pending: Bool = false) -> ReleaseContent {
      let components = componentIDs.shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random)).map {
        PinnedComponent(
          componentId: $0, version: "\(Int.random(in: 1...3, using: &random)).\(Int.random(in: 0...2, using: &random))")
      }
      let schedule: ReleaseSchedule =
        Bool.random(using: &random)
        ? .immediately
        : .onDate(
          CalendarDate(daysSinceEpoch: today.daysSinceEpoch + Int.random(in: (pending ? 1 : -5)...5, using: &random)))
      return ReleaseContent(schedule: schedule, components: Array(components))
    }
    let packIDs = (0..<8).map { String(format: "%08x-1111-4000-8000-%012x", seed & 0xffff, $0) }
    var packs: [PackSpec] = []
    var lockfile = Lockfile(lineage: "lineage", serial: Int.random(in: 0...9, using: &random))
    for id in packIDs {
      let inManifest = Int.random(in: 0..<10, using: &random) < 8
      let recorded = Int.random(in: 0..<10, using: &random) < 6
      var recordedContent: ReleaseContent?
      var recordedFailed = false
      if recorded {
        let content = randomContent()
        let statuses: [ReleaseStatus?] = [nil, .inProgress, .success, .scheduled, .error]
        lockfile.packs[id] = PackRecord(
          name: nil,
          release: RecordedRelease(
            operation: .create, content: content, requestId: "release-\(id)",
            status: statuses.randomElement(using: &random) ?? nil, appliedAt: "2026-01-01T00:00:00Z"))
        recordedContent = content
        recordedFailed = lockfile.packs[id]?.release?.status == .error
      }
      guard inManifest else { continue }
      // Half the time the manifest asks for exactly what is recorded; else for something new,
      // always in the future when scheduled (a past date is an error, tested elsewhere). A failed
      // release is retried, so its content must be sendable too.
      let keepRecorded = Bool.random(using: &random) && !recordedFailed
      let desired = recordedContent.flatMap { keepRecorded ? $0 : nil } ?? randomContent(pending: true)
      packs.append(
        PackSpec(
          id: id, schedule: desired.schedule,
          components: desired.components.map { ComponentSpec(id: $0.componentId, version: $0.version) }))
    }
    manifest = Manifest(path: "release.yaml", timeZone: TimeZone(identifier: "UTC") ?? .current, packs: packs)
    self.lockfile = lockfile
    self.today = today
  }

  /// The lockfile after `plan` is applied and every call accepted.
  func applying(_ plan: Plan) -> Lockfile {
    var next = lockfile
    for change in plan.changes {
      guard let operation = change.operation else { continue }
      var record = next.packs[change.packId] ?? PackRecord()
      if let previous = record.release { record.history.append(previous) }
      record.release = RecordedRelease(
        operation: operation, content: change.after, requestId: "release-new-\(change.packId)",
        appliedAt: "2026-11-23T00:00:00Z")
      next.packs[change.packId] = record
    }
    for pack in plan.unmanaged { next.retired[pack.packId] = next.packs.removeValue(forKey: pack.packId) }
    return next
  }
}

@Suite("Planner properties")
struct PlannerPropertyTests {
  static let seeds = Array(UInt64(1)...UInt64(400))

  @Test("planning again after the plan is applied finds nothing left to do", arguments: seeds)
  func applyThenPlanIsEmpty(seed: UInt64) throws {
    let world = World(seed: seed)
    let (plan, problems) = try Planner.plan(manifest: world.manifest, lockfile: world.lockfile, today: world.today)
    #expect(problems.isEmpty, "seed \(seed): \(problems)")
    let (again, _) = try Planner.plan(manifest: world.manifest, lockfile: world.applying(plan), today: world.today)
    #expect(!again.hasChanges, "seed \(seed): \(again.changes.filter { $0.action != .noop })")
  }

  @Test("planning is deterministic", arguments: seeds.prefix(100))
  func deterministic(seed: UInt64) throws {
    let world = World(seed: seed)
    let first = try Planner.plan(manifest: world.manifest, lockfile: world.lockfile, today: world.today).0
    var shuffled = world.manifest
    var random = SeededGenerator(seed: seed ^ 0xABCD)
    shuffled.packs.shuffle(using: &random)
    let second = try Planner.plan(manifest: shuffled, lockfile: world.lockfile, today: world.today).0
    #expect(first == second)
    #expect(PlanJSONRenderer.render(first) == PlanJSONRenderer.render(second))
  }

  @Test("no plan ever UPDATEs a pack without a pending scheduled release", arguments: seeds)
  func updatesOnlyPendingReleases(seed: UInt64) throws {
    let world = World(seed: seed)
    let (plan, _) = try Planner.plan(manifest: world.manifest, lockfile: world.lockfile, today: world.today)
    for change in plan.changes where change.action == .update {
      let recorded = try #require(change.before, "seed \(seed)")
      #expect(Planner.pendingDate(of: recorded, today: world.today) != nil, "seed \(seed): \(change)")
    }
  }
}
