import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// What a finished run of the `boomi-release` binary produced.
struct CLIResult: Sendable, CustomStringConvertible {
  var status: Int32
  var stdout: String
  var stderr: String
  /// The process had to be killed because it ran past the bound.
  var timedOut: Bool

  var description: String {
    "exit \(status)\(timedOut ? " (timed out)" : "")\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)"
  }
}

/// Something went wrong in the test harness itself (not in the tool under test).
struct HarnessError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Runs the built `boomi-release` executable as a subprocess, with a fixed clock, no inherited
/// credentials, and a bounded wait.
enum CLI {
  /// The instant every run sees as "now" (the tool's injected clock): today is 2026-11-23.
  static let fixedNow = "2026-11-23T12:00:00Z"

  /// Every run is killed after this many seconds.
  static let timeoutSeconds: Double = 60

  /// The `boomi-release` executable: `BOOMI_RELEASE_BINARY`, else the one SwiftPM built next to
  /// the test bundle.
  static func binary() throws -> URL {
    let environment = ProcessInfo.processInfo.environment
    if let override = environment["BOOMI_RELEASE_BINARY"], !override.isEmpty {
      return URL(fileURLWithPath: override)
    }
    var directories: [URL] = []
    if let first = CommandLine.arguments.first {
      directories.append(URL(fileURLWithPath: first).deletingLastPathComponent())
    }
    directories.append(Bundle.main.bundleURL)
    directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
    if let executable = Bundle.main.executableURL {
      directories.append(executable.deletingLastPathComponent())
    }
    if let running = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      directories.append(URL(fileURLWithPath: running).deletingLastPathComponent())
    }
    for directory in directories {
      let candidate = directory.appendingPathComponent("boomi-release")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    throw HarnessError(
      "boomi-release not found in \(directories.map(\.path)); build it or set BOOMI_RELEASE_BINARY")
  }

  /// A clean environment: the fixed clock, a PATH, and nothing else unless `extra` adds it. In
  /// particular no BOOMI_* credentials and no NO_COLOR leak in from the caller.
  static func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "HOME": FileManager.default.temporaryDirectory.path,
      "LANG": "C.UTF-8",
      "BOOMI_RELEASE_NOW": fixedNow,
    ]
    environment.merge(extra) { _, new in new }
    return environment
  }

  /// Runs `boomi-release ARGUMENTS` in `directory` and returns its exit status and output.
  static func run(_ arguments: [String], in directory: URL, env extra: [String: String] = [:]) throws -> CLIResult {
    try runProgram(binary(), arguments, in: directory, environment: environment(extra))
  }

  /// Runs any program with output captured in files (so nothing can block on a full pipe) and a
  /// bounded wait.
  static func runProgram(
    _ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String]
  )
    throws -> CLIResult
  {
    let capture = try TemporaryDirectory(prefix: "boomi-release-output")
    defer { capture.remove() }
    let outURL = capture.url.appendingPathComponent("stdout")
    let errURL = capture.url.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let running = try startProgram(
      executable, arguments, in: directory, environment: environment, stdout: out, stderr: err)
    try? out.close()
    try? err.close()
    let (status, timedOut) = running.wait(seconds: timeoutSeconds)
    return CLIResult(
      status: status,
      stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
      stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self),
      timedOut: timedOut)
  }

  /// Starts `boomi-release ARGUMENTS` in `directory` with the given output handles.
  static func start(
    _ arguments: [String], in directory: URL, env extra: [String: String] = [:], stdout: FileHandle,
    stderr: FileHandle
  ) throws -> RunningProcess {
    try startProgram(
      binary(), arguments, in: directory, environment: environment(extra), stdout: stdout, stderr: stderr)
  }

  static func startProgram(
    _ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String], stdout: FileHandle,
    stderr: FileHandle
  ) throws -> RunningProcess {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = stdout
    process.standardError = stderr
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    return RunningProcess(process: process, exited: exited)
  }

  /// Runs `boomi-release ARGUMENTS` with its stdout on a pseudo-terminal, so that `isatty` is true
  /// for it, and returns what it printed there.
  static func runOnTerminal(
    _ arguments: [String], in directory: URL, env extra: [String: String] = [:]
  ) throws
    -> CLIResult
  {
    let terminal = try PseudoTerminal()
    defer { terminal.closeController() }
    let capture = try TemporaryDirectory(prefix: "boomi-release-output")
    defer { capture.remove() }
    let errURL = capture.url.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let err = try FileHandle(forWritingTo: errURL)
    let reader = terminal.startReading()
    let running = try start(
      arguments, in: directory, env: extra, stdout: FileHandle(fileDescriptor: terminal.device, closeOnDealloc: false),
      stderr: err)
    terminal.closeDevice()
    try? err.close()
    let (status, timedOut) = running.wait(seconds: timeoutSeconds)
    let output = reader.finish(seconds: 10)
    return CLIResult(
      status: status, stdout: String(decoding: output, as: UTF8.self),
      stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self), timedOut: timedOut)
  }
}

/// A started subprocess whose end is awaited with a bound.
struct RunningProcess: @unchecked Sendable {
  let process: Process
  let exited: DispatchSemaphore

  var pid: Int32 { process.processIdentifier }

  /// Whether it has exited, waiting at most `seconds`.
  func hasExited(within seconds: Double) -> Bool {
    if exited.wait(timeout: .now() + seconds) == .success {
      exited.signal()  // Keep the fact for later callers.
      return true
    }
    return false
  }

  /// Sends SIGKILL to this process only, by its id, unless it has already ended (its id may
  /// then belong to someone else).
  func killNow() {
    guard !hasExited(within: 0) else { return }
    kill(process.processIdentifier, SIGKILL)
  }

  /// The exit status, killing the process if it has not ended within `seconds`. A process
  /// killed by a signal reports 128 + the signal number, as shells do.
  func wait(seconds: Double) -> (status: Int32, timedOut: Bool) {
    var timedOut = false
    if !hasExited(within: seconds) {
      timedOut = true
      killNow()
      _ = hasExited(within: 10)
    }
    guard !process.isRunning else { return (-1, true) }
    let status =
      process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return (status, timedOut)
  }
}

/// A pseudo-terminal pair: the tool writes to `device`, the test reads from the controller.
final class PseudoTerminal: @unchecked Sendable {
  let controller: Int32
  let device: Int32
  private var deviceOpen = true
  private var controllerOpen = true

  init() throws {
    // posix_openpt and friends are not in the imported Glibc module (they need _XOPEN_SOURCE),
    // so they are looked up by name in the C library.
    typealias OpenFunction = @convention(c) (Int32) -> Int32
    typealias ControlFunction = @convention(c) (Int32) -> Int32
    typealias NameFunction = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    let library = dlopen(nil, RTLD_NOW)
    guard let openSymbol = dlsym(library, "posix_openpt"), let grantSymbol = dlsym(library, "grantpt"),
      let unlockSymbol = dlsym(library, "unlockpt"), let nameSymbol = dlsym(library, "ptsname")
    else { throw HarnessError("the C library has no posix_openpt") }
    let openController = unsafeBitCast(openSymbol, to: OpenFunction.self)
    let grant = unsafeBitCast(grantSymbol, to: ControlFunction.self)
    let unlock = unsafeBitCast(unlockSymbol, to: ControlFunction.self)
    let deviceName = unsafeBitCast(nameSymbol, to: NameFunction.self)

    let controller = openController(O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard controller >= 0 else { throw HarnessError("posix_openpt failed: errno \(errno)") }
    guard grant(controller) == 0, unlock(controller) == 0, let name = deviceName(controller) else {
      close(controller)
      throw HarnessError("could not set up a pseudo-terminal: errno \(errno)")
    }
    let device = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard device >= 0 else {
      close(controller)
      throw HarnessError("could not open the pseudo-terminal device: errno \(errno)")
    }
    self.controller = controller
    self.device = device
  }

  /// Closes the test's copy of the device side, so that reads end once the child's copy closes.
  func closeDevice() {
    if deviceOpen {
      close(device)
      deviceOpen = false
    }
  }

  func closeController() {
    closeDevice()
    if controllerOpen {
      close(controller)
      controllerOpen = false
    }
  }

  /// Reads everything the device side receives, on a background thread.
  func startReading() -> TerminalReader {
    let reader = TerminalReader()
    let descriptor = controller
    let thread = Thread {
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 {
          reader.append(buffer[0..<count])
        } else if count < 0, errno == EINTR {
          continue
        } else {
          break  // EIO once every copy of the device side is closed.
        }
      }
      reader.markDone()
    }
    thread.start()
    return reader
  }
}

/// Collects a pseudo-terminal's output from the reading thread.
final class TerminalReader: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  func append(_ bytes: ArraySlice<UInt8>) {
    lock.lock()
    data.append(contentsOf: bytes)
    lock.unlock()
  }

  func markDone() { done.signal() }

  /// What was read, waiting at most `seconds` for the end of the output.
  func finish(seconds: Double) -> Data {
    _ = done.wait(timeout: .now() + seconds)
    lock.lock()
    defer { lock.unlock() }
    return data
  }
}
