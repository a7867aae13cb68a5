import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The `boomi-emulator` executable, run as a subprocess on a free loopback port.
final class EmulatorProcess: Sendable {
  static let account = "acme-8Q78Q1"
  static let username = "ci@acme.example"
  static let today = "2026-11-23"

  let account = EmulatorProcess.account
  let username = EmulatorProcess.username
  /// A random token per emulator, so a test can look for it anywhere it must not be.
  let token: String
  let port: Int
  let process: Subprocess
  /// Where the emulator's stdout and stderr go (its request log is on stderr).
  let logs: TemporaryDirectory

  var rootURL: String { "http://127.0.0.1:\(port)" }
  /// `BOOMI_API_URL` for `boomi-release`.
  var baseURL: String { "\(rootURL)/api/rest/v1" }

  private init(token: String, port: Int, process: Subprocess, logs: TemporaryDirectory) {
    self.token = token
    self.port = port
    self.process = process
    self.logs = logs
  }

  /// Starts `boomi-emulator --port 0 …` and returns once it has printed its `listening` line.
  /// `catalog` is a JSON catalog file (the built-in demo catalog when `nil`).
  static func start(
    catalog: String? = nil, seed: Int = 1, arguments extra: [String] = []
  ) async throws
    -> EmulatorProcess
  {
    let token = "tok-\(UUID().uuidString.lowercased())"
    let logs = try TemporaryDirectory(prefix: "boomi-e2e-emulator")
    var arguments = [
      "--port", "0", "--account", account, "--username", username, "--token", token, "--today", today,
      "--release-delay-ms", "50", "--seed", "\(seed)",
    ]
    if let catalog { arguments += ["--catalog", catalog] }
    arguments += extra
    let out = try logs.outputFile("stdout")
    let err = try logs.outputFile("stderr")
    defer {
      try? out.close()
      try? err.close()
    }
    let process: Subprocess
    do {
      process = try Subprocess(
        Binaries.emulator(), arguments, in: logs.url,
        environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"], stdout: out,
        stderr: err)
    } catch {
      logs.remove()
      throw error
    }
    let prefix = "listening http://127.0.0.1:"
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      let text = String(decoding: (try? logs.read("stdout")) ?? Data(), as: UTF8.self)
      if let line = text.split(separator: "\n", omittingEmptySubsequences: false).first, text.contains("\n") {
        guard line.hasPrefix(prefix), let port = Int(line.dropFirst(prefix.count)) else {
          process.send(SIGKILL)
          _ = await process.waitForExit(seconds: 10)
          logs.remove()
          throw HarnessError("boomi-emulator printed '\(line)' instead of '\(prefix)PORT'")
        }
        return EmulatorProcess(token: token, port: port, process: process, logs: logs)
      }
      if process.hasExited { break }
      try? await Task.sleep(for: .milliseconds(20))
    }
    let stderr = String(decoding: (try? logs.read("stderr")) ?? Data(), as: UTF8.self)
    process.send(SIGKILL)
    _ = await process.waitForExit(seconds: 10)
    logs.remove()
    throw HarnessError("boomi-emulator did not print its listening line within 60 s; stderr:\n\(stderr)")
  }

  /// Stops it with SIGTERM (SIGKILL if it does not stop within 15 s) and removes its logs.
  func stop() async {
    process.send(SIGTERM)
    if !(await process.waitForExit(seconds: 15)) {
      process.send(SIGKILL)
      _ = await process.waitForExit(seconds: 10)
    }
    logs.remove()
  }

  /// The emulator's request log on stderr, for failure messages.
  var log: String { String(decoding: (try? logs.read("stderr")) ?? Data(), as: UTF8.self) }

  // MARK: - Control endpoints

  /// `GET /__emulator/state`.
  func state() async throws -> EmulatorState {
    EmulatorState(try await control(.GET, "state"))
  }

  /// The raw text of `GET /__emulator/state` and `GET /__emulator/requests` together, for
  /// looking for what must not be there.
  func stateText() async throws -> String {
    var text = ""
    for path in ["state", "requests"] {
      let response = try await HTTPClient.shared.execute(
        HTTPClientRequest(url: "\(rootURL)/__emulator/\(path)"), timeout: .seconds(30))
      text += String(buffer: try await response.body.collect(upTo: 64 << 20)) + "\n"
    }
    return text
  }

  /// `GET /__emulator/requests`: every request to a Boomi endpoint, in arrival order.
  func requests() async throws -> [LoggedRequest] {
    let object = try await control(.GET, "requests")
    return JSON.array(object["requests"]).map(LoggedRequest.init)
  }

  /// `POST /__emulator/faults` with these settings (e.g. `["dropAfterCommit": 0]`).
  func setFaults(_ settings: [String: Any]) async throws {
    _ = try await control(.POST, "faults", body: settings)
  }

  /// `POST /__emulator/clock`: the emulator's today.
  func setToday(_ date: String) async throws {
    _ = try await control(.POST, "clock", body: ["today": date])
  }

  private func control(_ method: HTTPMethod, _ path: String, body: [String: Any]? = nil) async throws -> [String: Any] {
    try await ControlClient.send(method, "\(rootURL)/__emulator/\(path)", body: body)
  }
}

/// Plain HTTP to the emulator's control endpoints (no auth, JSON).
enum ControlClient {
  static func send(_ method: HTTPMethod, _ url: String, body: [String: Any]?) async throws -> [String: Any] {
    var request = HTTPClientRequest(url: url)
    request.method = method
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
    }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    let bytes = try await response.body.collect(upTo: 64 << 20)
    let data = Data(bytes.readableBytesView)
    guard response.status == .ok else {
      throw HarnessError("\(method) \(url) answered \(response.status): \(String(decoding: data, as: UTF8.self))")
    }
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw HarnessError("\(method) \(url) did not answer a JSON object")
    }
    return object
  }
}

/// Runs `body` with an emulator subprocess, and stops it afterwards whatever happens.
func withEmulator<Result>(
  catalog: String? = nil, seed: Int = 1, arguments: [String] = [],
  _ body: (EmulatorProcess) async throws -> Result
) async throws -> Result {
  let emulator = try await EmulatorProcess.start(catalog: catalog, seed: seed, arguments: arguments)
  do {
    let result = try await body(emulator)
    await emulator.stop()
    return result
  } catch {
    await emulator.stop()
    throw error
  }
}
