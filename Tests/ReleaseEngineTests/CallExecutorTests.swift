import BoomiAPI
import FileSystem
import Foundation
import ReleaseCore
import Synchronization
import TestSupport
import Testing

@testable import ReleaseEngine

private func change(_ packId: String, _ operation: ReleaseOperation = .create, version: String = "2.0") -> ReleaseCall {
  ReleaseCall(
    packId: packId, name: nil, operation: operation,
    content: ReleaseContent(
      schedule: .immediately, components: [PinnedComponent(componentId: componentX, version: version)]),
    previousRequestId: nil)
}

@Suite("Call executor")
struct CallExecutorTests {
  @Test("the intent is on disk before the request is sent, and is replaced by the release after")
  func intentBeforeSend() async throws {
    let path = try lockfilePath()
    let seenOnDisk = Mutex<[Intent]>([])
    let transport = Transport { request throws(TransportFailure) in
      // What a crash at this instant would leave behind.
      if let lockfile = try? onDisk(path) { seenOnDisk.withLock { $0 += lockfile.pending } }
      return HTTPResponse(
        status: 200, body: Array(#"{"requestId":"release-1","releaseStatusUrl":"https://x/release-1"}"#.utf8))
    }
    let store = LockfileStore(path: path, lockfile: .empty)
    let executor = CallExecutor(client: try client(transport), store: store, now: { Date(timeIntervalSince1970: 0) })
    let result = await executor.run([change(packA)], planId: "plan-1")

    #expect(result.packs.map(\.outcome) == [.released(requestId: "release-1")])
    let intents = seenOnDisk.withLock { $0 }
    #expect(intents.map(\.packId) == [packA])
    #expect(intents.first?.bodyDigest.count == 64)
    let final = try onDisk(path)
    #expect(final.pending.isEmpty)
    #expect(final.packs[packA]?.release?.requestId == "release-1")
    #expect(final.packs[packA]?.release?.planId == "plan-1")
    #expect(final.account == "acme-8Q78Q1")
    #expect(final.serial == 2, "one write for the intent, one for the release")
    #expect(final.lineage != nil)
  }

  @Test("the intent's digest is the SHA-256 of the exact body sent")
  func digestMatchesBody() async throws {
    let path = try lockfilePath()
    let server = ScriptedServer([.fail(.noResponse("reset"))])
    let store = LockfileStore(path: path, lockfile: .empty)
    _ = await CallExecutor(client: try client(server), store: store).run([change(packA)], planId: nil)
    let body = try #require(server.requests.first?.body)
    #expect(try onDisk(path).pending.first?.bodyDigest == Digest.sha256(body))
  }

  @Test("a refused call drops its intent and records nothing; the others still run")
  func refusedCall() async throws {
    let path = try lockfilePath()
    let server = ScriptedServer([
      json(400, #"{"@type":"Error","message":"Version 2.0 is not shareable."}"#), accepted("release-b"),
    ])
    let store = LockfileStore(path: path, lockfile: .empty)
    let executor = CallExecutor(client: try client(server), store: store, concurrency: 1)
    let result = await executor.run([change(packA), change(packB)], planId: nil)
    #expect(
      result.packs.map(\.outcome) == [
        .failed("Boomi refused the request (HTTP 400): Version 2.0 is not shareable."),
        .released(requestId: "release-b"),
      ])
    let lockfile = try onDisk(path)
    #expect(lockfile.pending.isEmpty)
    #expect(lockfile.packs[packA] == nil)
    #expect(lockfile.packs[packB]?.release?.requestId == "release-b")
  }

  @Test("an unknown outcome keeps the intent, with the reason, and the CREATE is sent once")
  func unknownOutcome() async throws {
    let path = try lockfilePath()
    let server = ScriptedServer([.fail(.noResponse("connection reset by peer"))], otherwise: accepted("release-2"))
    let store = LockfileStore(path: path, lockfile: .empty)
    let result = await CallExecutor(client: try client(server), store: store).run(
      [change(packA)], planId: nil)
    #expect(result.packs.unknown == 1)
    #expect(server.requests.count == 1)
    let lockfile = try onDisk(path)
    #expect(lockfile.pending.map(\.packId) == [packA])
    #expect(lockfile.pending.first?.failure?.contains("connection reset by peer") == true)
    #expect(lockfile.packs[packA] == nil)
  }

  @Test("an UPDATE posts to the pack's path, and the replaced release moves to history")
  func updateKeepsHistory() async throws {
    let path = try lockfilePath()
    var lockfile = Lockfile(lineage: "l", serial: 5)
    let old = RecordedRelease(
      operation: .create, content: change(packA).content, requestId: "release-old", appliedAt: "2026-11-01T00:00:00Z")
    lockfile.packs[packA] = PackRecord(name: "a", release: old)
    let server = ScriptedServer([accepted("release-new")])
    let store = LockfileStore(path: path, lockfile: lockfile)
    _ = await CallExecutor(client: try client(server), store: store).run(
      [change(packA, .update, version: "3.0")], planId: nil)
    #expect(server.requests.first?.url.hasSuffix("/ReleaseIntegrationPack/\(packA)") == true)
    let written = try onDisk(path)
    #expect(written.packs[packA]?.release?.requestId == "release-new")
    #expect(written.packs[packA]?.release?.operation == .update)
    #expect(written.packs[packA]?.history.map(\.requestId) == ["release-old"])
    #expect(written.serial == 7)
    #expect(written.lineage == "l")
  }

  @Test("when the intent cannot be written, nothing is sent and the run says why it stopped")
  func unwritableLockfile() async throws {
    let server = ScriptedServer([accepted("release-1")])
    let store = LockfileStore(path: "/nonexistent-\(UUID().uuidString)/release.lock.json", lockfile: .empty)
    let result = await CallExecutor(client: try client(server), store: store).run(
      [change(packA), change(packB)], planId: nil)
    #expect(server.requests.isEmpty)
    #expect(result.stopped?.isNotFound == true)
    #expect(result.packs.notSent == 2)
  }

  @Test(
    "a disk that fills during a concurrent apply: every requestId Boomi returned is in the result, and nothing is sent once a write failed",
    arguments: [3, 8, 17])
  func diskFillsDuringApply(writesBeforeFull: Int) async throws {
    let disk = FillingDisk(writesBeforeFull: writesBeforeFull)
    let issued = Mutex<[(requestId: String, failedWritesBefore: Int)]>([])
    let transport = Transport { _ throws(TransportFailure) in
      let id = issued.withLock { list -> String in
        let id = "release-\(list.count + 1)"
        list.append((id, disk.failures))
        return id
      }
      return HTTPResponse(status: 200, body: Array(#"{"requestId":"\#(id)"}"#.utf8))
    }
    let store = LockfileStore(
      path: try lockfilePath(), lockfile: .empty,
      writeFile: { bytes, path throws(FileError) in try disk.write(bytes, to: path) })
    let packs = (0..<40).map { String(format: "%08x-0000-4000-8000-000000000000", $0) }
    let result = await CallExecutor(client: try client(transport), store: store, concurrency: 4).run(
      packs.map { change($0) }, planId: nil)

    let sent = issued.withLock { $0 }
    #expect(result.stopped?.code == ENOSPC)
    // Every requestId Boomi returned is in the result: recorded, or carried as unrecorded.
    #expect(Set(result.packs.compactMap(\.outcome.requestId)) == Set(sent.map(\.requestId)))
    #expect(result.packs.released + result.packs.unrecorded == sent.count)
    // Only calls already under way when the disk filled went out after it: at most one per worker.
    #expect(sent.filter { $0.failedWritesBefore > 0 }.count <= 4, "\(sent)")
    #expect(result.packs.notSent + sent.count == packs.count)
    #expect(result.packs.count == packs.count)
  }

  @Test("concurrent calls all end up recorded: one writer, no lost update, writes shared")
  func concurrentWrites() async throws {
    let path = try lockfilePath()
    let ids = (0..<40).map { String(format: "%08x-0000-4000-8000-000000000000", $0) }
    let counter = Mutex(0)
    let transport = Transport { _ throws(TransportFailure) in
      let next = counter.withLock { value -> Int in
        value += 1
        return value
      }
      return HTTPResponse(status: 200, body: Array(#"{"requestId":"release-\#(next)"}"#.utf8))
    }
    let store = LockfileStore(path: path, lockfile: .empty)
    let result = await CallExecutor(client: try client(transport), store: store, concurrency: 8).run(
      ids.map { change($0) }, planId: nil)
    #expect(result.packs.released == 40)
    let lockfile = try onDisk(path)
    #expect(lockfile.packs.count == 40)
    #expect(Set(lockfile.packs.values.compactMap(\.release?.requestId)).count == 40)
    #expect(lockfile.pending.isEmpty)
    // Concurrent changes share writes: at most one write per change.
    #expect((1...80).contains(lockfile.serial))
  }
}

@Suite("Lockfile store")
struct LockfileStoreTests {
  @Test("retiring a pack keeps its record; a returning pack's new release follows it")
  func retireAndReturn() async throws {
    let path = try lockfilePath()
    var lockfile = Lockfile(lineage: "l", serial: 1)
    let release = RecordedRelease(
      operation: .create, content: change(packA).content, requestId: "release-a", appliedAt: "2026-11-01T00:00:00Z")
    lockfile.packs[packA] = PackRecord(name: "a", release: release)
    let store = LockfileStore(path: path, lockfile: lockfile)
    try await store.retire([packA])
    #expect(try onDisk(path).retired[packA]?.release?.requestId == "release-a")
    #expect(try onDisk(path).packs[packA] == nil)

    var newer = release
    newer.requestId = "release-a2"
    try await store.adopt(newer, packId: packA, settling: [])
    let written = try onDisk(path)
    #expect(written.retired[packA] == nil)
    #expect(written.packs[packA]?.history.map(\.requestId) == ["release-a"])
    #expect(written.packs[packA]?.name == "a")
  }

  @Test("a change that changes nothing is not written: no churn")
  func noChurn() async throws {
    let path = try lockfilePath()
    let store = LockfileStore(path: path, lockfile: Lockfile(lineage: "l", serial: 3))
    try await store.retire(["not-there"])
    try await store.recordStatuses(["release-unknown": .success])
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(await store.lockfile.serial == 3)
  }

  @Test("applied plan ids are kept, the most recent ones only")
  func appliedPlans() async throws {
    let path = try lockfilePath()
    let store = LockfileStore(path: path, lockfile: .empty)
    for index in 0..<5 { try await store.recordAppliedPlan("plan-\(index)", keep: 3) }
    try await store.recordAppliedPlan("plan-4", keep: 3)
    #expect(try onDisk(path).appliedPlans == ["plan-2", "plan-3", "plan-4"])
  }
}

/// A disk that accepts a number of writes, then is full.
final class FillingDisk: Sendable {
  private let state: Mutex<(writes: Int, failures: Int)>
  private let writesBeforeFull: Int

  init(writesBeforeFull: Int) {
    self.writesBeforeFull = writesBeforeFull
    state = Mutex((0, 0))
  }

  var failures: Int { state.withLock { $0.failures } }

  func write(_ bytes: [UInt8], to path: String) throws(FileError) {
    let full = state.withLock { state -> Bool in
      state.writes += 1
      if state.writes > writesBeforeFull { state.failures += 1 }
      return state.writes > writesBeforeFull
    }
    if full { throw FileError(path: path, operation: "write", code: ENOSPC) }
    try AtomicFile.write(bytes, to: path)
  }
}
