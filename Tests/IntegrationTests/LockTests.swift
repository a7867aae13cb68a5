import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// One writer per lockfile: a second apply fails at once and says who holds the lock.
@Suite("the lockfile's lock")
struct LockTests {
  static func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  @Test("a second apply on the same lockfile fails at once with exit 4, naming the holder's pid and host")
  func concurrentApplies() async throws {
    let packs = TestPack.many(2)
    // Every Boomi call takes 3 s, so the first apply holds the lock for at least 9 s (its
    // pre-flight read and two CREATEs, one at a time).
    try await Scenario.with(packs: packs, emulatorArguments: ["--latency-ms", "3000"]) { scenario in
      try scenario.writeManifest(Fixtures.manifest(packs))
      let first = try CLI.start(
        ["apply", "--concurrency", "1"], in: scenario.directory, emulator: scenario.emulator, name: "first")
      var holderWritten = false
      for _ in 0..<1500 where !first.hasExited {
        let lock = String(
          decoding: (try? scenario.directory.read("\(Scenario.lockfile).lock")) ?? Data(), as: UTF8.self)
        if lock.contains("pid=\(first.pid)\n") {
          holderWritten = true
          break
        }
        try await Task.sleep(for: .milliseconds(20))
      }
      #expect(holderWritten, "the first apply never wrote its lock")

      // Refused naming the first's pid: the two runs overlapped (a lock whose holder has exited is
      // released, or taken over), however slowly a loaded machine started the second.
      let second = try await scenario.run(["apply"])
      let (firstStatus, firstTimedOut) = await first.finish(within: 90)
      let firstResult = CLI.collect("first", in: scenario.directory, status: firstStatus, timedOut: firstTimedOut)
      #expect(second.status == 4, "\(second)")
      #expect(second.stderr.contains("pid \(first.pid)"), "\(second)")
      #expect(second.stderr.contains(Self.hostName()), "\(second)")
      #expect(second.stderr.contains("e2e-tester"), "\(second)")
      #expect(firstResult.status == 0, "\(firstResult)")

      // Only the first apply's releases exist, each once, all recorded.
      let creates = try await scenario.emulator.requests().filter { $0.isCreate }
      #expect(creates.count == 2, "\(creates)")
      let lockfile = try scenario.lockfile()
      #expect(Set(creates.compactMap(\.requestId)) == lockfile.requestIds)
      #expect(!scenario.directory.exists("\(Scenario.lockfile).lock"), "the lock was not released")
    }
  }

  @Test(
    "a lockfile reached through a symbolic link and by its real path is one lock: the second apply fails with exit 4",
    arguments: [
      (["-f", "release.yaml"], ["--lockfile", "data/real.lock.json"]),
      (["--lockfile", "data/real.lock.json"], ["-f", "release.yaml"]),
    ])
  func symlinkedLockfile(firstRoute: [String], secondRoute: [String]) async throws {
    let packs = TestPack.many(2)
    try await Scenario.with(packs: packs, emulatorArguments: ["--latency-ms", "3000"]) { scenario in
      try scenario.writeManifest(Fixtures.manifest(packs))
      try FileManager.default.createDirectory(
        atPath: scenario.directory.path("data"), withIntermediateDirectories: true)
      try FileManager.default.createSymbolicLink(
        atPath: scenario.directory.path(Scenario.lockfile), withDestinationPath: "data/real.lock.json")
      let first = try CLI.start(
        ["apply", "--yes", "--concurrency", "1"] + firstRoute, in: scenario.directory, emulator: scenario.emulator,
        name: "first")
      var locked = false
      for _ in 0..<1500 where !first.hasExited {
        let lock = String(
          decoding: (try? scenario.directory.read("data/real.lock.json.lock")) ?? Data(), as: UTF8.self)
        if lock.contains("pid=\(first.pid)\n") {
          locked = true
          break
        }
        try await Task.sleep(for: .milliseconds(20))
      }
      #expect(locked, "the first apply never locked data/real.lock.json")

      // Refused naming the first's pid: the two runs overlapped.
      let second = try await scenario.run(["apply", "--yes"] + secondRoute)
      let (status, timedOut) = await first.finish(within: 90)
      let firstResult = CLI.collect("first", in: scenario.directory, status: status, timedOut: timedOut)
      #expect(second.status == 4, "\(second)")
      #expect(second.stderr.contains("pid \(first.pid)"), "\(second)")
      #expect(firstResult.status == 0, "\(firstResult)")

      // Two CREATEs, both recorded in the one real file, which the link still points at.
      let creates = try await scenario.emulator.requests().filter { $0.isCreate }
      #expect(creates.count == 2, "\(creates)")
      #expect(Set(creates.compactMap(\.requestId)) == (try scenario.lockfile()).requestIds)
      #expect(
        (try? FileManager.default.destinationOfSymbolicLink(atPath: scenario.directory.path(Scenario.lockfile)))
          == "data/real.lock.json")
      #expect(!scenario.directory.exists("data/real.lock.json.lock"), "the lock was not released")
      #expect(!scenario.directory.exists("\(Scenario.lockfile).lock"))
    }
  }
}
