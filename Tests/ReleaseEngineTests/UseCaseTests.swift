import BoomiAPI
import FileSystem
import Foundation
import ReleaseCore
import Synchronization
import TestSupport
import Testing

@testable import ReleaseEngine

private func manifest(_ packs: [(id: String, name: String, release: String)]) throws -> (Manifest, [UInt8]) {
  var text = "version: 1\naccount: acme-8Q78Q1\npacks:\n"
  for pack in packs {
    text +=
      "  - id: \(pack.id)\n    name: \(pack.name)\n    release: \(pack.release)\n    components:\n"
      + "      - {id: \(componentX), version: \"2.0\"}\n"
  }
  let bytes = Array(text.utf8)
  let (loaded, diagnostics) = ManifestLoader.load(SourceText(path: "release.yaml", bytes: bytes))
  return (try #require(loaded, "\(diagnostics)"), bytes)
}

private func bulk(_ items: [(id: String, status: String?)]) -> ScriptedServer.Reply {
  let entries = items.enumerated().map { index, item in
    guard let status = item.status else {
      return #"{"index":\#(index),"id":"\#(item.id)","statusCode":404,"errorMessage":"no such request"}"#
    }
    return
      #"{"index":\#(index),"id":"\#(item.id)","statusCode":200,"Result":{"@type":"ReleaseIntegrationPackStatus","requestId":"\#(item.id)","releaseStatus":"\#(status)"}}"#
  }
  return json(200, #"{"@type":"BulkResult","response":[\#(entries.joined(separator: ","))]}"#)
}

private func recorded(_ requestId: String, status: ReleaseStatus? = nil) -> RecordedRelease {
  RecordedRelease(
    operation: .create,
    content: ReleaseContent(
      schedule: .immediately, components: [PinnedComponent(componentId: componentX, version: "1.0")]),
    requestId: requestId, status: status, appliedAt: "2026-11-01T00:00:00Z")
}

@Suite("The apply use case")
struct ApplyReleasesTests {
  let today = CalendarDate.today(in: .gmt, at: fixedNow)

  func input(
    _ manifest: (Manifest, [UInt8]), lockfile: Lockfile = .empty, saved: SavedPlan? = nil,
    selection: PackSelection = .all
  ) -> ApplyReleases.Input {
    ApplyReleases.Input(
      manifest: manifest.0, manifestBytes: manifest.1, lockfile: lockfile, today: today, account: "acme-8Q78Q1",
      savedPlan: saved, selection: selection, newPlanId: "plan-new")
  }

  @Test("a plan made now: its calls, its retired packs, and the new plan's id; blocked packs are left out")
  func preparesAFreshPlan() throws {
    var lockfile = Lockfile(lineage: "l", serial: 1)
    lockfile.packs["9d9d9d9d-0000-4000-8000-000000000000"] = PackRecord(name: "gone", release: recorded("release-g"))
    lockfile.pending = [
      Intent(
        id: "i", packId: packB, operation: .create, content: recorded("x").content, bodyDigest: "d",
        createdAt: "2026-11-22T00:00:00Z")
    ]
    let preparation = try ApplyReleases.prepare(
      input(try manifest([(packA, "a", "immediately"), (packB, "b", "immediately")]), lockfile: lockfile))
    guard case .ready(let prepared) = preparation else {
      Issue.record("\(preparation)")
      return
    }
    #expect(prepared.planId == "plan-new")
    #expect(prepared.calls.map(\.packId) == [packA])
    #expect(prepared.blocked.map(\.packId) == [packB])
    #expect(prepared.retire == ["9d9d9d9d-0000-4000-8000-000000000000"])
    #expect(prepared.plan != nil)
  }

  @Test("a release date that is not after today makes the manifest invalid, with its diagnostic")
  func datesAreChecked() throws {
    let preparation = try ApplyReleases.prepare(input(try manifest([(packA, "a", "2026-11-23")])))
    guard case .invalid(let problems) = preparation else {
      Issue.record("\(preparation)")
      return
    }
    #expect(problems.map(\.code) == [.dateNotInFuture])
  }

  @Test("a saved plan whose lockfile changed since is refused")
  func savedPlanChecks() throws {
    let files = try manifest([(packA, "a", "immediately")])
    let (plan, _) = try Planner.plan(manifest: files.0, lockfile: .empty, today: today)
    let saved = SavedPlan(
      plan: plan, planId: "plan-saved", createdAt: fixedNow, account: "acme-8Q78Q1", manifestPath: "release.yaml",
      manifestBytes: files.1, lockfilePath: "release.lock.json", lockfile: .empty)
    guard case .ready(let prepared) = try ApplyReleases.prepare(input(files, saved: saved)) else {
      Issue.record("a fresh saved plan is applied")
      return
    }
    #expect(prepared.planId == "plan-saved")
    #expect(prepared.plan == nil)
    let preparation = try ApplyReleases.prepare(input(files, lockfile: Lockfile(lineage: "l", serial: 2), saved: saved))
    guard case .refused(let refusals) = preparation else {
      Issue.record("\(preparation)")
      return
    }
    guard case .lockfileChanged? = refusals.first else {
      Issue.record("\(refusals)")
      return
    }
  }

  @Test("a --target that names no pack is an error, not an empty plan")
  func unknownTarget() throws {
    let files = try manifest([(packA, "a", "immediately")])
    #expect(throws: PackSelection.UnknownPack.self) {
      _ = try ApplyReleases.prepare(input(files, selection: PackSelection(targets: ["nope"])))
    }
  }

  @Test("a run makes the calls, records the plan's id, and with --wait reads each release until it settles")
  func runAndWait() async throws {
    let path = try lockfilePath()
    let clock = TestClock()
    let server = ScriptedServer([
      publisherPacks([]), accepted("release-a"), bulk([("release-a", "IN_PROGRESS")]), bulk([("release-a", "SUCCESS")]),
    ])
    guard case .ready(let prepared) = try ApplyReleases.prepare(input(try manifest([(packA, "a", "immediately")])))
    else {
      Issue.record("not ready")
      return
    }
    let apply = ApplyReleases(
      client: try client(server, clock: clock), store: LockfileStore(path: path, lockfile: .empty), now: { fixedNow },
      time: MonotonicTime(clock))
    let result = await apply.run(prepared, wait: .seconds(60))

    #expect(result.packs.map(\.outcome) == [.released(requestId: "release-a")])
    #expect(result.packs.first?.status == .success)
    #expect(result.wait == ApplyResult.Wait())
    #expect(result.packs.compactMap(\.outcome.requestId) == ["release-a"])
    let written = try onDisk(path)
    #expect(written.appliedPlans == ["plan-new"])
    #expect(written.packs[packA]?.release?.status == .success)
    #expect(!clock.sleeps.isEmpty, "polled again after a wait on the test clock")
  }

  @Test("a run whose lockfile cannot be written stops, retires nothing and records no plan id")
  func stoppedRun() async throws {
    let server = ScriptedServer([publisherPacks([]), accepted("release-a")])
    var lockfile = Lockfile(lineage: "l", serial: 1)
    lockfile.packs["9d9d9d9d-0000-4000-8000-000000000000"] = PackRecord(name: "gone", release: recorded("release-g"))
    guard
      case .ready(let prepared) = try ApplyReleases.prepare(
        input(try manifest([(packA, "a", "immediately")]), lockfile: lockfile))
    else {
      Issue.record("not ready")
      return
    }
    let store = LockfileStore(path: "/nonexistent-\(UUID().uuidString)/release.lock.json", lockfile: lockfile)
    let result = await ApplyReleases(client: try client(server), store: store, now: { fixedNow }).run(prepared)
    #expect(result.stopped?.isNotFound == true)
    #expect(result.retired.isEmpty)
    #expect(result.notSent == 1)
    #expect(server.requests.map(\.method) == ["POST"], "only the pre-flight's query: no release was sent")
  }
}

extension ApplyReleasesTests {
  @Test("a write after the calls that fails is not a stopped run: every call was made, and what was retired says so")
  func finishingWriteFails() async throws {
    let path = try lockfilePath()
    let gone = "9d9d9d9d-0000-4000-8000-000000000000"
    var lockfile = Lockfile(lineage: "l", serial: 1)
    lockfile.packs[gone] = PackRecord(name: "gone", release: recorded("release-g"))
    guard
      case .ready(let prepared) = try ApplyReleases.prepare(
        input(try manifest([(packA, "a", "immediately")]), lockfile: lockfile))
    else {
      Issue.record("not ready")
      return
    }
    // Writes: the intent, the release, the retired pack; the plan's id finds the disk full.
    let disk = FillingDisk(writesBeforeFull: 3)
    let store = LockfileStore(path: path, lockfile: lockfile, writeFile: disk.write)
    let server = ScriptedServer([publisherPacks([]), accepted("release-a")])
    let result = await ApplyReleases(client: try client(server), store: store, now: { fixedNow }).run(prepared)
    #expect(result.stopped == nil)
    #expect(result.finishFailure != nil)
    #expect(result.packs.map(\.outcome) == [.released(requestId: "release-a")])
    #expect(result.retired == [gone])
    let written = try onDisk(path)
    #expect(written.retired[gone] != nil)
    #expect(written.appliedPlans.isEmpty)
  }
}

@Suite("The status use case")
struct RefreshStatusesTests {
  @Test("every release that can still change is read in one bulk call, recorded, and the unreadable ones said")
  func readsAndRecords() async throws {
    let path = try lockfilePath()
    var lockfile = Lockfile(lineage: "l", serial: 1)
    lockfile.packs[packA] = PackRecord(name: "a", release: recorded("release-a"))
    lockfile.packs[packB] = PackRecord(name: "b", release: recorded("release-b"))
    lockfile.packs["9d9d9d9d-0000-4000-8000-000000000000"] = PackRecord(
      name: "done", release: recorded("release-done", status: .success))
    let server = ScriptedServer([bulk([("release-a", "SUCCESS"), ("release-b", nil)])])
    let report = try await RefreshStatuses(
      client: try client(server), store: LockfileStore(path: path, lockfile: lockfile)
    )
    .run()
    #expect(server.requests.count == 1)
    #expect(server.requests.first?.body.map { String(decoding: $0, as: UTF8.self).contains("release-done") } == false)
    #expect(report.lockfile.packs[packA]?.release?.status == .success)
    #expect(report.unread == ["release-b": "no such request"])
    #expect(try onDisk(path).packs[packA]?.release?.status == .success)
  }
}

@Suite("The recover and import use cases")
struct RecoveryUseCaseTests {
  func lockfileWithIntent() -> (Lockfile, Intent) {
    let intent = Intent(
      id: "intent-1", packId: packA, operation: .create,
      content: ReleaseContent(
        schedule: .immediately, components: [PinnedComponent(componentId: componentX, version: "2.0")]),
      bodyDigest: "d", createdAt: "2026-11-20T00:00:00Z")
    var lockfile = Lockfile(lineage: "l", serial: 1)
    lockfile.pending = [intent]
    return (lockfile, intent)
  }

  @Test("an attempt whose versions Boomi shows as current went through and is recorded")
  func judgedSent() async throws {
    let path = try lockfilePath()
    let (lockfile, intent) = lockfileWithIntent()
    let server = ScriptedServer([
      json(
        200,
        #"{"id":"\#(packA)","PublisherPackagedComponents":{"PublisherPackagedComponent":[{"componentId":"\#(componentX)","currentVersion":"2.0","pendingVersion":""}]}}"#
      )
    ])
    let settlements = try await RecoverAttempts(store: LockfileStore(path: path, lockfile: lockfile), now: { fixedNow })
      .judge([intent], client: try client(server), settle: .seconds(600))
    guard case .sent? = settlements.first?.verdict else {
      Issue.record("\(settlements)")
      return
    }
    let written = try onDisk(path)
    #expect(written.pending.isEmpty)
    #expect(written.packs[packA]?.release?.requestId == "unrecorded:intent-1")
  }

  @Test("a pack Boomi does not have means the attempt did not go through; it is dropped")
  func judgedNotSent() async throws {
    let path = try lockfilePath()
    let (lockfile, intent) = lockfileWithIntent()
    let server = ScriptedServer([json(404, #"{"message":"no such pack"}"#)])
    let settlements = try await RecoverAttempts(store: LockfileStore(path: path, lockfile: lockfile), now: { fixedNow })
      .judge([intent], client: try client(server), settle: .seconds(600))
    guard case .notSent? = settlements.first?.verdict else {
      Issue.record("\(settlements)")
      return
    }
    #expect(try onDisk(path).pending.isEmpty)
    #expect(try onDisk(path).packs[packA] == nil)
  }

  @Test("import adopts a release by its requestId and settles the pack's unknown attempts; another pack's is refused")
  func importsARelease() async throws {
    let path = try lockfilePath()
    let (lockfile, _) = lockfileWithIntent()
    let status =
      #"{"@type":"ReleaseIntegrationPackStatus","integrationPackId":"\#(packA)","requestId":"release-9","releaseSchedule":"IMMEDIATELY","releaseStatus":"SUCCESS","ReleasePackagedComponents":{"ReleasePackagedComponent":[{"componentId":"\#(componentX)","version":"2.0"}]}}"#
    let server = ScriptedServer([json(200, status), json(200, status)])
    let store = LockfileStore(path: path, lockfile: lockfile)
    let use = ImportRelease(client: try client(server), store: store, now: { fixedNow })
    let release = try await use.run(packId: packA, requestId: "release-9")
    #expect(release.status == .success)
    #expect(release.appliedAt == "2026-11-23T00:00:00Z")
    let written = try onDisk(path)
    #expect(written.pending.isEmpty)
    #expect(written.packs[packA]?.release?.requestId == "release-9")
    await #expect(throws: EngineError.importRefused(.wrongPack(requestId: "release-9", belongsTo: packA))) {
      _ = try await use.run(packId: packB, requestId: "release-9")
    }
  }

  @Test("recover tells of each settlement as it is recorded, so a failure part-way has said what it settled")
  func recoverReportsAsItGoes() async throws {
    let path = try lockfilePath()
    var (lockfile, first) = lockfileWithIntent()
    let second = Intent(
      id: "intent-2", packId: packB, operation: .create, content: first.content, bodyDigest: first.bodyDigest,
      createdAt: first.createdAt)
    lockfile.pending.append(second)
    let seen = Mutex<[String]>([])
    // The first pack is gone from Boomi (its attempt did not go through); reading the second fails.
    let server = ScriptedServer([json(404, #"{"message":"no such pack"}"#), json(401, #"{"message":"no"}"#)])
    let recover = RecoverAttempts(
      store: LockfileStore(path: path, lockfile: lockfile), now: { fixedNow },
      progress: { settlement in seen.withLock { $0.append(settlement.intent.packId) } })
    await #expect(throws: EngineError.self) {
      _ = try await recover.judge([first, second], client: try client(server), settle: .seconds(600))
    }
    #expect(seen.withLock { $0 } == [packA])
    #expect(try onDisk(path).pending.map(\.packId) == [packB])
  }
}

/// Apply's pre-flight (SPEC §10.2): each case refuses only its own pack; the others go on.
@Suite("Apply's pre-flight against Boomi")
struct PreFlightTests {
  let today = CalendarDate.today(in: .gmt, at: fixedNow)

  func prepared(
    _ packs: [(id: String, name: String, release: String)], lockfile: Lockfile = .empty
  ) throws
    -> ApplyReleases.Prepared
  {
    let (manifest, bytes) = try manifest(packs)
    let input = ApplyReleases.Input(
      manifest: manifest, manifestBytes: bytes, lockfile: lockfile, today: today, account: "acme-8Q78Q1",
      savedPlan: nil, newPlanId: "plan-new")
    guard case .ready(let prepared) = try ApplyReleases.prepare(input) else { throw HarnessError("not ready") }
    return prepared
  }

  func run(
    _ prepared: ApplyReleases.Prepared, lockfile: Lockfile = .empty, _ server: ScriptedServer
  ) async throws
    -> (ApplyResult, Lockfile)
  {
    let path = try lockfilePath()
    let store = LockfileStore(path: path, lockfile: lockfile)
    // One call at a time, in the plan's order (by pack id), so the scripted answers meet their calls.
    let apply = ApplyReleases(client: try client(server), store: store, concurrency: 1, now: { fixedNow })
    return (await apply.run(prepared), await store.lockfile)
  }

  @Test("content Boomi already shows as released, with no record of it, is not sent; the other pack is")
  func alreadyCurrent() async throws {
    let prepared = try prepared([(packA, "a", "immediately"), (packB, "b", "immediately")])
    let server = ScriptedServer([
      publisherPacks([(packA, [(componentX, "2.0", "")]), (packB, [(componentX, "1.0", "")])]), accepted("release-b"),
    ])
    let (result, lockfile) = try await run(prepared, server)
    #expect(result.drifted.map(\.packId) == [packA])
    #expect(result.drifted.first?.reason.contains("already shows") == true, "\(result.drifted)")
    #expect(result.packs.map(\.call.packId) == [packB])
    #expect(result.packs.map(\.outcome) == [.released(requestId: "release-b")])
    #expect(server.requests.count == 2, "one query for both packs, one CREATE")
    #expect(lockfile.packs[packA] == nil && lockfile.pending.isEmpty)
  }

  @Test("a version Boomi lists as pending without any release (newly packaged) is not drift")
  func pendingVersionAloneIsNotDrift() async throws {
    let prepared = try prepared([(packA, "a", "immediately")])
    let server = ScriptedServer([publisherPacks([(packA, [(componentX, "1.0", "2.0")])]), accepted("release-a")])
    let (result, _) = try await run(prepared, server)
    #expect(result.drifted.isEmpty)
    #expect(result.packs.map(\.outcome) == [.released(requestId: "release-a")])
  }

  @Test("a recorded release still in progress is read before judging, and its status recorded")
  func unsettledReleaseIsReadFirst() async throws {
    var lockfile = Lockfile(lineage: "l", serial: 1)
    lockfile.packs[packA] = PackRecord(name: "a", release: recorded("release-old", status: .inProgress))
    let prepared = try prepared([(packA, "a", "immediately")], lockfile: lockfile)
    let server = ScriptedServer([
      bulk([("release-old", "SUCCESS")]), publisherPacks([(packA, [(componentX, "1.0", "")])]), accepted("release-a"),
    ])
    let (result, written) = try await run(prepared, lockfile: lockfile, server)
    #expect(result.drifted.isEmpty)
    #expect(result.packs.map(\.outcome) == [.released(requestId: "release-a")])
    #expect(written.packs[packA]?.history.map(\.status) == [.success], "the status read is recorded")
  }

  @Test("a recorded release gone out that is no longer what Boomi shows as current is drift")
  func currentChangedElsewhere() async throws {
    var lockfile = Lockfile(lineage: "l", serial: 1)
    lockfile.packs[packA] = PackRecord(name: "a", release: recorded("release-old", status: .success))
    lockfile.packs[packB] = PackRecord(name: "b", release: recorded("release-b-old", status: .success))
    let prepared = try prepared([(packA, "a", "immediately"), (packB, "b", "immediately")], lockfile: lockfile)
    let server = ScriptedServer([
      publisherPacks([(packA, [(componentX, "1.5", "")]), (packB, [(componentX, "1.0", "")])]), accepted("release-b"),
    ])
    let (result, _) = try await run(prepared, lockfile: lockfile, server)
    #expect(result.drifted.map(\.packId) == [packA])
    #expect(result.drifted.first?.reason.contains("release-old") == true, "\(result.drifted)")
    #expect(result.packs.map(\.outcome) == [.released(requestId: "release-b")])
  }

  @Test("a scheduled CREATE refused because a release is pending that the lockfile lacks is drift, not a failure")
  func pendingReleaseUnknownToTheLockfile() async throws {
    let prepared = try prepared([(packA, "a", "2030-01-15"), (packB, "b", "immediately")])
    let server = ScriptedServer([
      publisherPacks([(packA, [(componentX, "1.0", "1.9")]), (packB, [(componentX, "1.0", "")])]),
      accepted("release-b"),
      json(
        400,
        #"{"@type":"Error","message":"Integration pack \#(packA) already has a release scheduled for 2030-01-10. Only one release can be pending at a time."}"#
      ),
    ])
    let (result, lockfile) = try await run(prepared, server)
    #expect(result.drifted.map(\.packId) == [packA])
    #expect(result.failed == 0)
    #expect(result.packs.map(\.outcome) == [.released(requestId: "release-b")])
    #expect(lockfile.pending.isEmpty, "a refusal leaves no intent")
  }

  @Test("when Boomi cannot be read before releasing, nothing is sent")
  func unreadableBoomiSendsNothing() async throws {
    let prepared = try prepared([(packA, "a", "immediately")])
    let server = ScriptedServer([json(403, #"{"@type":"Error","message":"Forbidden"}"#)])
    let (result, lockfile) = try await run(prepared, server)
    #expect(result.preFlightFailure != nil)
    #expect(result.packs.isEmpty)
    #expect(server.requests.count == 1)
    #expect(lockfile == .empty)
  }
}
