import BoomiAPI
import Foundation

/// SPEC §9: `apply` of N releases against `boomi-emulator` limited to R requests/second, done
/// within 1.1 × N/R seconds with no request refused by the emulator's rate limit.
struct ApplyResult: Sendable {
  var releases: Int
  var rate: Double
  var concurrency: Int
  var outcome: ChildOutcome
  /// Boomi requests the emulator logged, by outcome (`processed`, `rate-limited`, …).
  var outcomes: [String: Int]
  /// Exit status of `plan --detailed-exitcode` afterwards: 0 when every release was recorded.
  var planAfter: Int32
  /// Releases the emulator processed in each 10-second window, from its request log on stderr.
  var perTenSeconds: [Int]
  var failures: [String]

  /// The ideal: one request every 1/R seconds.
  var ideal: Double { Double(releases) / rate }
  var bound: Double { 1.1 * ideal }
  var rateLimited: Int { outcomes["rate-limited"] ?? 0 }
  var requests: Int { outcomes.values.reduce(0, +) }
}

struct ApplyBenchmark {
  static let account = Fixtures.account
  static let username = "bench@example.com"
  static let token = "bench-token"

  var tools: Tools
  var directory: String
  var releases: Int
  var rate = 10.0
  var concurrency = 8

  private var manifest: String { directory + "/" + Fixtures.manifestName }

  func run() async throws -> ApplyResult {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let generated = try ChildProcess.run(
      [tools.bench, "generate", directory, String(releases), "--catalog"], environment: tools.environment,
      stderr: directory + "/generate.err")
    guard generated.status == 0 else { throw BenchFailure("generating the apply fixture failed") }
    // No lockfile: every pack is a CREATE.
    try FileManager.default.removeItem(atPath: directory + "/" + Fixtures.lockfileName)

    let emulator = try startEmulator()
    do {
      let root = try await listeningURL(stdout: directory + "/emulator.out")
      let result = try await applyAll(root: root)
      try emulator.terminate()
      return result
    } catch {
      _ = try? emulator.terminate()
      throw error
    }
  }

  private var credentials: [String: String] {
    ["BOOMI_ACCOUNT_ID": Self.account, "BOOMI_USERNAME": Self.username, "BOOMI_API_TOKEN": Self.token]
  }

  private func startEmulator() throws -> ChildProcess {
    try ChildProcess.spawn(
      [
        tools.emulator, "--port", "0", "--catalog", directory + "/" + Fixtures.catalogName, "--rate-limit",
        Format.fixed(rate, 0), "--release-delay-ms", "0", "--seed", "1",
      ],
      environment: tools.environment.merging(credentials) { $1 }, stdout: directory + "/emulator.out",
      stderr: directory + "/emulator.err")
  }

  /// Waits (at most 60 s) for the emulator's `listening http://127.0.0.1:PORT` line.
  private func listeningURL(stdout: String) async throws -> String {
    let prefix = "listening "
    for _ in 0..<600 {
      let text = (try? String(contentsOfFile: stdout, encoding: .utf8)) ?? ""
      if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) {
        return String(line.dropFirst(prefix.count))
      }
      try await Task.sleep(for: .milliseconds(100))
    }
    throw BenchFailure("the emulator did not start: \(firstLine(directory + "/emulator.err"))")
  }

  private func applyAll(root: String) async throws -> ApplyResult {
    var environment = tools.environment.merging(credentials) { $1 }
    environment["BOOMI_API_URL"] = root + "/api/rest/v1"
    // Through GNU time for a clean peak memory; its own start adds about a millisecond.
    let outcome = try PeakMemory.run(
      [
        tools.boomiRelease, "apply", "-f", manifest, "--yes", "--rate", Format.fixed(rate, 0), "--concurrency",
        String(concurrency), "--color", "never",
      ],
      environment: environment, stdout: directory + "/apply.out", stderr: directory + "/apply.err", scratch: directory)
    var failures: [String] = []
    if outcome.status != 0 {
      failures.append("apply exited \(outcome.status): \(firstLine(directory + "/apply.err"))")
    }
    let outcomes = try await requestOutcomes(root: root)
    let planAfter = try ChildProcess.run(
      [tools.boomiRelease, "plan", "-f", manifest, "--detailed-exitcode", "--color", "never"],
      environment: tools.environment, stdout: directory + "/plan.out", stderr: directory + "/plan.err")
    if planAfter.status != 0 {
      failures.append("plan after apply exited \(planAfter.status): \(firstLine(directory + "/plan.err"))")
    }
    return ApplyResult(
      releases: releases, rate: rate, concurrency: concurrency, outcome: outcome, outcomes: outcomes,
      planAfter: planAfter.status, perTenSeconds: Self.perTenSeconds(log: directory + "/emulator.err"),
      failures: failures)
  }

  /// The emulator's request log (`GET /__emulator/requests`), counted by outcome.
  private func requestOutcomes(root: String) async throws -> [String: Int] {
    let http = AsyncHTTPTransport()
    let response: HTTPResponse
    do {
      response = try await http.transport.send(
        HTTPRequest(
          method: "GET", url: root + "/__emulator/requests", headers: [("Accept", "application/json")], body: nil))
      await http.shutdown()
    } catch {
      await http.shutdown()
      throw BenchFailure("cannot read the emulator's request log: \(error)")
    }
    guard response.status == 200 else { throw BenchFailure("the request log answered HTTP \(response.status)") }
    let log = try JSONDecoder().decode(RequestLog.self, from: Data(response.body))
    return log.requests.reduce(into: [:]) { counts, entry in counts[entry.outcome, default: 0] += 1 }
  }

  /// Processed releases per 10 s, from the emulator's stderr lines
  /// `2026-11-24T01:48:25+0000 info boomi-emulator: … POST …/ReleaseIntegrationPack → 200 processed …`.
  /// Empty when the log has another shape.
  static func perTenSeconds(log path: String) -> [Int] {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    let seconds = text.split(separator: "\n").filter { $0.contains("ReleaseIntegrationPack → 200 processed") }
      .compactMap { line in secondOfDay(line.prefix(19)) }
    guard let first = seconds.first else { return [] }
    var windows: [Int] = []
    for second in seconds {
      let window = max(0, (second - first + 86_400) % 86_400) / 10
      while windows.count <= window { windows.append(0) }
      windows[window] += 1
    }
    return windows
  }

  /// `2026-11-24T01:48:25` → 6505.
  private static func secondOfDay(_ stamp: Substring) -> Int? {
    let time = stamp.split(separator: "T").last?.split(separator: ":").compactMap { Int($0) } ?? []
    guard stamp.count == 19, time.count == 3 else { return nil }
    return time[0] * 3600 + time[1] * 60 + time[2]
  }

  /// The part of `/__emulator/requests` the benchmark reads.
  private struct RequestLog: Decodable {
    var requests: [Entry]

    struct Entry: Decodable {
      var outcome: String
    }
  }
}
