import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Something went wrong in the test harness itself, not in the product under test.
struct HarnessError: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) {
    self.description = description
  }
}

/// The two executables SwiftPM builds next to the test bundle.
enum Binaries {
  /// `boomi-release`: `BOOMI_RELEASE_BINARY`, else the one beside the tests.
  static func release() throws -> URL {
    try locate("boomi-release", override: "BOOMI_RELEASE_BINARY")
  }

  /// `boomi-emulator`: `BOOMI_EMULATOR_BINARY`, else the one beside the tests.
  static func emulator() throws -> URL {
    try locate("boomi-emulator", override: "BOOMI_EMULATOR_BINARY")
  }

  private static func locate(_ name: String, override variable: String) throws -> URL {
    if let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    var directories: [URL] = []
    if let first = CommandLine.arguments.first {
      let argument = URL(fileURLWithPath: first)
      directories.append(argument.deletingLastPathComponent())
      directories.append(argument.resolvingSymlinksInPath().deletingLastPathComponent())
    }
    directories.append(Bundle.main.bundleURL)
    directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
    if let executable = Bundle.main.executableURL {
      directories.append(executable.deletingLastPathComponent())
    }
    if let running = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      directories.append(URL(fileURLWithPath: running).deletingLastPathComponent())
    }
    // An .xctest bundle directory sits inside the build directory: look a few levels up too.
    for directory in directories {
      var candidateDirectory = directory
      for _ in 0..<4 {
        let candidate = candidateDirectory.appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        candidateDirectory = candidateDirectory.deletingLastPathComponent()
      }
    }
    throw HarnessError("\(name) not found near \(directories.map(\.path)); build it or set \(variable)")
  }
}

/// A started subprocess, awaited without blocking a thread of the cooperative pool.
final class Subprocess: @unchecked Sendable {
  let process: Process
  private let exited = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var hasEnded = false

  /// Starts `executable` in `directory` with exactly `environment`, stdin from /dev/null.
  init(
    _ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String], stdout: FileHandle,
    stderr: FileHandle
  ) throws {
    process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = stdout
    process.standardError = stderr
    process.terminationHandler = { [exited] _ in exited.signal() }
    try process.run()
  }

  var pid: Int32 { process.processIdentifier }

  /// Whether the process has ended (without waiting).
  var hasExited: Bool {
    lock.withLock {
      if hasEnded { return true }
      if exited.wait(timeout: .now()) == .success { hasEnded = true }
      return hasEnded
    }
  }

  /// Waits at most `seconds` for the process to end; whether it did.
  func waitForExit(seconds: Double) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while !hasExited {
      guard Date() < deadline else { return false }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return true
  }

  /// Sends `signal` to this process only, by its id, unless it has already ended.
  func send(_ signal: Int32) {
    guard !hasExited else { return }
    kill(pid, signal)
  }

  /// The exit status once ended: 128 + the signal for a process killed by one, as shells say.
  var status: Int32 {
    process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
  }

  /// Waits at most `seconds`, then kills it; its status, and whether it had to be killed.
  func finish(within seconds: Double) async -> (status: Int32, timedOut: Bool) {
    if await waitForExit(seconds: seconds) { return (status, false) }
    send(SIGKILL)
    _ = await waitForExit(seconds: 10)
    return (hasExited ? status : -1, true)
  }
}

/// A temporary directory, removed by ``remove()``.
struct TemporaryDirectory: Sendable {
  let url: URL

  init(prefix: String = "boomi-e2e") throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func remove() {
    try? FileManager.default.removeItem(at: url)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  func write(_ name: String, _ text: String) throws {
    try Data(text.utf8).write(to: url.appendingPathComponent(name))
  }

  func read(_ name: String) throws -> String {
    String(decoding: try Data(contentsOf: url.appendingPathComponent(name)), as: UTF8.self)
  }

  func exists(_ name: String) -> Bool {
    FileManager.default.fileExists(atPath: path(name))
  }

  /// Creates an empty file and opens it for writing (for a subprocess's output).
  func outputFile(_ name: String) throws -> FileHandle {
    _ = FileManager.default.createFile(atPath: path(name), contents: nil)
    return try FileHandle(forWritingTo: url.appendingPathComponent(name))
  }
}

/// Runs `body` with a fresh temporary directory and removes it afterwards, whatever happens.
func withTemporaryDirectory<Result>(
  _ body: (TemporaryDirectory) async throws -> Result
) async throws -> Result {
  let directory = try TemporaryDirectory()
  do {
    let result = try await body(directory)
    directory.remove()
    return result
  } catch {
    directory.remove()
    throw error
  }
}
