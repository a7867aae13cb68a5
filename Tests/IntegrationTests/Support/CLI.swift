import Foundation
import TestSupport

/// Runs the built `boomi-release` binary with a clean environment pointed at an emulator.
enum CLI {
  /// The instant every run sees as "now" unless a test says otherwise: today is 2026-11-23.
  static let fixedNow = "2026-11-23T12:00:00Z"
  /// A run still going after this many seconds is killed (and the test fails).
  static let timeoutSeconds = 120.0

  /// PATH, HOME, the fixed clock and, with an emulator, the connection settings; nothing else
  /// is inherited (no credentials, no NO_COLOR).
  static func environment(
    emulator: EmulatorProcess?, home: TemporaryDirectory, extra: [String: String] = [:]
  ) -> [String: String] {
    var environment = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "HOME": home.url.path,
      "LANG": "C.UTF-8",
      "USER": "e2e-tester",
      "BOOMI_RELEASE_NOW": fixedNow,
    ]
    if let emulator {
      environment["BOOMI_API_URL"] = emulator.baseURL
      environment["BOOMI_ACCOUNT_ID"] = emulator.account
      environment["BOOMI_USERNAME"] = emulator.username
      environment["BOOMI_API_TOKEN"] = emulator.token
    }
    environment.merge(extra) { _, new in new }
    return environment
  }

  /// Starts `boomi-release ARGUMENTS` in `directory`, its output going to files named
  /// `<name>.stdout` and `<name>.stderr` there.
  static func start(
    _ arguments: [String], in directory: TemporaryDirectory, emulator: EmulatorProcess?,
    env extra: [String: String] = [:], limits: ProcessLimits? = nil, name: String
  ) throws -> Subprocess {
    let out = try directory.outputFile("\(name).stdout")
    let err = try directory.outputFile("\(name).stderr")
    defer {
      try? out.close()
      try? err.close()
    }
    let binary = try Binaries.release()
    let (executable, fullArguments) = limits?.wrapping(binary, arguments) ?? (binary, arguments)
    return try Subprocess(
      executable, fullArguments, in: directory.url,
      environment: environment(emulator: emulator, home: directory, extra: extra), stdout: out, stderr: err)
  }

  /// Runs `boomi-release ARGUMENTS` in `directory` to the end (bounded) and returns what it did.
  static func run(
    _ arguments: [String], in directory: TemporaryDirectory, emulator: EmulatorProcess?,
    env extra: [String: String] = [:], limits: ProcessLimits? = nil
  ) async throws -> CLIResult {
    let name = "run-\(UUID().uuidString.prefix(8))"
    let process = try start(arguments, in: directory, emulator: emulator, env: extra, limits: limits, name: name)
    let (status, timedOut) = await process.finish(within: timeoutSeconds)
    return collect(name, in: directory, status: status, timedOut: timedOut)
  }

  /// The output of a run started with ``start(_:in:emulator:env:name:)``; the files are removed.
  static func collect(_ name: String, in directory: TemporaryDirectory, status: Int32, timedOut: Bool) -> CLIResult {
    let stdout = String(decoding: (try? directory.read("\(name).stdout")) ?? Data(), as: UTF8.self)
    let stderr = String(decoding: (try? directory.read("\(name).stderr")) ?? Data(), as: UTF8.self)
    try? FileManager.default.removeItem(atPath: directory.path("\(name).stdout"))
    try? FileManager.default.removeItem(atPath: directory.path("\(name).stderr"))
    return CLIResult(status: status, stdout: stdout, stderr: stderr, timedOut: timedOut)
  }
}

/// Limits a run is started under, for what a test cannot arrange otherwise.
struct ProcessLimits: Sendable {
  /// The largest file the process may write, in bytes (`RLIMIT_FSIZE`): a write past it fails
  /// with EFBIG, as on a full disk. (SIGXFSZ, which would kill the process, is ignored.)
  var maximumFileBytes: Int

  /// `/bin/sh -c 'trap "" XFSZ; exec prlimit --fsize=N -- BINARY ARGUMENTS'`.
  func wrapping(_ binary: URL, _ arguments: [String]) -> (URL, [String]) {
    (
      URL(fileURLWithPath: "/bin/sh"),
      [
        "-c", #"trap "" XFSZ; exec prlimit --fsize="$0" -- "$@""#, String(maximumFileBytes), binary.path,
      ] + arguments
    )
  }
}
