import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A started subprocess whose end is awaited with a bound: blocking the calling thread
/// (``hasExited(within:)``, ``finishBlocking(within:)``) in synchronous tests, or without blocking
/// a thread of the cooperative pool (``waitForExit(seconds:)``, ``finish(within:)``) in async ones.
public final class Subprocess: @unchecked Sendable {
  private let process: Process
  /// Signalled once the process has ended, and signalled again by every wait that sees it.
  private let exited = DispatchSemaphore(value: 0)

  /// Starts `executable` in `directory` with exactly `environment`, stdin from /dev/null.
  public init(
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

  public var pid: Int32 { process.processIdentifier }

  /// Whether the process has ended (without waiting).
  public var hasExited: Bool { hasExited(within: 0) }

  /// Whether the process has ended, blocking the calling thread at most `seconds` for it.
  public func hasExited(within seconds: Double) -> Bool {
    guard exited.wait(timeout: .now() + seconds) == .success else { return false }
    exited.signal()  // Keep the fact for later callers.
    return true
  }

  /// Waits at most `seconds` for the process to end, without blocking a thread; whether it did.
  public func waitForExit(seconds: Double) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while !hasExited {
      guard Date() < deadline else { return false }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return true
  }

  /// Sends `signal` to this process only, by its id, unless it has already ended (its id may
  /// then belong to someone else).
  public func send(_ signal: Int32) {
    guard !hasExited else { return }
    kill(pid, signal)
  }

  /// The exit status once ended: 128 + the signal for a process killed by one, as shells say.
  public var status: Int32 {
    process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
  }

  /// Waits at most `seconds`, then kills it; its status, and whether it had to be killed.
  public func finish(within seconds: Double) async -> (status: Int32, timedOut: Bool) {
    if await waitForExit(seconds: seconds) { return (status, false) }
    send(SIGKILL)
    _ = await waitForExit(seconds: 10)
    return (hasExited ? status : -1, true)
  }

  /// ``finish(within:)`` for synchronous tests: blocks the calling thread while it waits.
  public func finishBlocking(within seconds: Double) -> (status: Int32, timedOut: Bool) {
    if hasExited(within: seconds) { return (status, false) }
    send(SIGKILL)
    _ = hasExited(within: 10)
    return (hasExited ? status : -1, true)
  }
}
