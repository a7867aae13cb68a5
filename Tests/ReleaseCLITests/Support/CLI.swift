import Foundation
import TestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Runs the built `boomi-release` executable as a subprocess, with a fixed clock, no inherited
/// credentials, and a bounded wait.
enum CLI {
  /// The instant every run sees as "now" (the tool's injected clock): today is 2026-11-23.
  static let fixedNow = "2026-11-23T12:00:00Z"

  /// Every run is killed after this many seconds.
  static let timeoutSeconds: Double = 60

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
    try runProgram(Binaries.release(), arguments, in: directory, environment: environment(extra))
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
    let out = try capture.outputFile("stdout")
    let err = try capture.outputFile("stderr")
    let running = try Subprocess(
      executable, arguments, in: directory, environment: environment, stdout: out, stderr: err)
    try? out.close()
    try? err.close()
    let (status, timedOut) = running.finishBlocking(within: timeoutSeconds)
    return CLIResult(
      status: status,
      stdout: String(decoding: (try? capture.read("stdout")) ?? Data(), as: UTF8.self),
      stderr: String(decoding: (try? capture.read("stderr")) ?? Data(), as: UTF8.self),
      timedOut: timedOut)
  }

  /// Starts `boomi-release ARGUMENTS` in `directory` with the given output handles.
  static func start(
    _ arguments: [String], in directory: URL, env extra: [String: String] = [:], stdout: FileHandle,
    stderr: FileHandle
  ) throws -> Subprocess {
    try Subprocess(
      Binaries.release(), arguments, in: directory, environment: environment(extra), stdout: stdout, stderr: stderr)
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
    let err = try capture.outputFile("stderr")
    let reader = terminal.startReading()
    let running = try start(
      arguments, in: directory, env: extra, stdout: FileHandle(fileDescriptor: terminal.device, closeOnDealloc: false),
      stderr: err)
    terminal.closeDevice()
    try? err.close()
    let (status, timedOut) = running.finishBlocking(within: timeoutSeconds)
    let output = reader.finish(seconds: 10)
    return CLIResult(
      status: status, stdout: String(decoding: output, as: UTF8.self),
      stderr: String(decoding: (try? capture.read("stderr")) ?? Data(), as: UTF8.self), timedOut: timedOut)
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
