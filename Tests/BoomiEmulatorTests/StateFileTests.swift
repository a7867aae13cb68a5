import BoomiEmulator
import EmulatorFixtures
import Foundation
import Testing

/// `--state-file`: a second emulator continues where the first stopped.
@Suite("State file")
struct StateFileTests {
  static func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emu-state-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  @Test("releases, versions, the date and requestIds survive a restart")
  func survivesRestart() async throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("emulator-state.json").path
    let configure: @Sendable (inout BoomiEmulator.EmulatorConfiguration) -> Void = {
      $0.stateFile = path
      $0.today = nil
    }

    let (scheduledId, immediateId) = try await withEmulator(over: .socket, configure) { first in
      #expect(try await first.setToday("2026-11-23").status == 200)
      let scheduledId = try #require(
        try await first.create(
          Demo.release(
            pack: Demo.billingExport, schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2026-12-20",
            components: [(Demo.invoiceExport, "3.2")])
        ).json["requestId"] as? String)
      let immediateId = try #require(try await first.create(Demo.release()).json["requestId"] as? String)
      first.clock.advance(by: .seconds(1))
      #expect(try await first.status(immediateId).json["releaseStatus"] as? String == "SUCCESS")
      // A snapshot line, then one whole JSON line per change; no temporary file is left, only
      // the lock this emulator holds on the file.
      let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
      #expect(lines.count > 1)
      #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
      let snapshot = try JSONSerialization.jsonObject(with: Data(try #require(lines.first).utf8))
      #expect((snapshot as? [String: Any])?["format"] as? String == "boomi-emulator-state")
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == [
          "emulator-state.json", "emulator-state.json.lock",
        ])
      #expect(!(try String(contentsOfFile: path, encoding: .utf8)).contains(Demo.token))
      return (scheduledId, immediateId)
    }

    // A process killed in the middle of an append leaves a partial last line: it is ignored.
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(#"{"releases":[{"requestIds":["release-torn"#.utf8))
    try handle.close()

    try await withEmulator(over: .socket, configure) { second in
      #expect(try await second.control(.GET, "state").json["today"] as? String == "2026-11-23")
      let scheduled = try await second.status(scheduledId)
      #expect(scheduled.status == 202)
      #expect(scheduled.json["releaseStatus"] as? String == "SCHEDULED")
      #expect(try await second.status(immediateId).json["releaseStatus"] as? String == "SUCCESS")
      #expect(
        try await second.packComponent(Demo.ordersSync, Demo.orderSyncProcess)["currentVersion"] as? String == "2.0")
      #expect(
        try await second.packComponent(Demo.billingExport, Demo.invoiceExport)["pendingVersion"] as? String == "3.2")
      // The pending release is still pending: a second scheduled CREATE is refused, UPDATE works.
      let again = try await second.create(
        Demo.release(
          pack: Demo.billingExport, schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2027-01-01",
          components: [(Demo.invoiceExport, "3.1")]))
      #expect(again.status == 400)
      _ = try await second.setToday("2026-12-20")
      #expect(try await second.status(scheduledId).json["releaseStatus"] as? String == "SUCCESS")
    }

    try await withEmulator(over: .socket, configure) { third in
      let state = try await third.control(.GET, "state")
      #expect(state.json["today"] as? String == "2026-12-20")
      let status = try await third.status(scheduledId)
      #expect(status.json["releaseStatus"] as? String == "SUCCESS")
    }
  }

  @Test("a second emulator on a state file in use refuses to start, naming the holder; once the first stops it can")
  func oneEmulatorPerStateFile() async throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("state.json").path
    try await withEmulator(over: .socket, { $0.stateFile = path }) { first in
      _ = try await first.create(Demo.release())
      let before = try Data(contentsOf: URL(fileURLWithPath: path))
      let refusal = await #expect(throws: EmulatorStartError.self) {
        try await withEmulator(over: .socket, { $0.stateFile = path }) { _ in }
      }
      #expect(refusal?.stateFileInUse == true)
      #expect(refusal?.description.contains("in use by another emulator (boomi-emulator (pid \(getpid())") == true)
      // The refused emulator wrote nothing: the first one's release is still there.
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
    #expect(!FileManager.default.fileExists(atPath: path + ".lock"), "the lock outlived the emulator")
    try await withEmulator(over: .socket, { $0.stateFile = path }) { third in
      let state = try await third.control(.GET, "state")
      #expect((state.json["releases"] as? [Any])?.count == 1)
    }
  }

  @Test("a state file that is not the emulator's stops the start with a clear error")
  func corruptStateFile() async throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("state.json").path
    try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
    await #expect(throws: EmulatorStartError.self) {
      try await withEmulator(over: .socket, { $0.stateFile = path }) { _ in }
    }
  }
}
