import BoomiEmulator
import EmulatorFixtures
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The built `boomi-emulator` binary, run as a subprocess, and its argument parsing.
@Suite("boomi-emulator executable")
struct ExecutableTests {
  /// The binary beside the test bundle in the build directory.
  static func binary() throws -> URL {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("boomi-emulator")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    throw BinaryMissing()
  }

  struct BinaryMissing: Error, CustomStringConvertible {
    var description: String { "boomi-emulator is not built beside the tests; run swift build first" }
  }

  /// Reads stdout until a whole line arrives, or gives up after `seconds`.
  static func firstLine(of pipe: Pipe, within seconds: Double) async -> String? {
    let handle = pipe.fileHandleForReading
    let collected = LineCollector()
    handle.readabilityHandler = { handle in
      let data = handle.availableData
      collected.append(data)
    }
    defer { handle.readabilityHandler = nil }
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if let line = collected.firstLine { return line }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return collected.firstLine
  }

  /// Bytes read from a pipe, shared with the pipe's reading thread.
  final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ more: Data) {
      lock.withLock { data.append(more) }
    }

    var firstLine: String? {
      lock.withLock {
        guard let newline = data.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        return String(decoding: data[data.startIndex..<newline], as: UTF8.self)
      }
    }
  }

  /// Runs the binary to its end with an empty environment and returns what it printed on stdout.
  static func run(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = try binary()
    process.arguments = arguments
    process.environment = [:]
    let stdout = Pipe()
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: output, as: UTF8.self)
  }

  static func waitForExit(_ process: Process, within seconds: Double) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
    return !process.isRunning
  }

  @Test("the binary prints exactly `listening http://127.0.0.1:PORT`, serves, and exits 0 on SIGTERM")
  func listensAndStops() async throws {
    let process = Process()
    process.executableURL = try Self.binary()
    process.arguments = [
      "--port", "0", "--account", Demo.account, "--username", Demo.username, "--today", "2026-11-23",
    ]
    process.environment = ["BOOMI_API_TOKEN": Demo.token, "PATH": "/usr/bin:/bin"]
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    let line = try #require(await Self.firstLine(of: stdout, within: 30))
    let prefix = "listening http://127.0.0.1:"
    #expect(line.hasPrefix(prefix))
    let port = try #require(Int(line.dropFirst(prefix.count)))
    #expect(port > 0)

    let reply = try await TestEmulator.sendRaw(
      .GET, "http://127.0.0.1:\(port)/api/rest/v1/\(Demo.account)/PublisherIntegrationPack/\(Demo.ordersSync)",
      headers: ["Authorization": Auth.token.header ?? "", "Accept": "application/json"])
    #expect(reply.status == 200)

    process.terminate()
    #expect(await Self.waitForExit(process, within: 15))
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 0)
    let log = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(!log.contains(Demo.token))
  }

  @Test(
    "a bad command line, or credentials in neither the flags nor the environment, exit 64 with the usage",
    arguments: [
      (["--port", "0", "--fail-503", "2", "--account", "a", "--username", "u", "--token", "t"], "--fail-503"),
      (["--port", "0", "--account", "a", "--username", "u"], "--token is required (or set BOOMI_API_TOKEN)"),
    ])
  func badArguments(arguments: [String], mentions: String) async throws {
    let process = Process()
    process.executableURL = try Self.binary()
    process.arguments = arguments
    process.environment = [:]
    let stderr = Pipe()
    let stdout = Pipe()
    process.standardError = stderr
    process.standardOutput = stdout
    try process.run()
    #expect(await Self.waitForExit(process, within: 15))
    #expect(process.terminationStatus == 64)
    let text = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(text.contains(mentions), "\(text)")
    #expect(text.contains("Usage: boomi-emulator"), "\(text)")
    #expect(stdout.fileHandleForReading.readDataToEndOfFile().isEmpty, "it listened")
  }
}
