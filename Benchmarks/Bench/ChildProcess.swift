#if canImport(Glibc)
  import Glibc
#endif

/// How a measured child process ended, what it took, and how long it ran.
struct ChildOutcome: Sendable {
  /// The exit status, or 128 + the signal number when a signal ended it.
  var status: Int32
  var seconds: Double
  /// Peak resident set size in bytes: `ru_maxrss` from `wait4`.
  var peakBytes: Int
  /// User plus system CPU time, of the process and the children it waited for.
  var cpuSeconds: Double
}

/// A failure to start or wait for a child process.
struct SpawnFailure: Error, CustomStringConvertible {
  var description: String
}

/// A process started with `posix_spawn`: stdin from `/dev/null`, stdout and stderr to files.
///
/// Wall time is measured from just before the spawn to the return of `wait4`.
struct ChildProcess {
  let pid: pid_t
  let started: Double

  /// Starts `arguments[0]` (a path) with `arguments` and exactly `environment`.
  static func spawn(
    _ arguments: [String], environment: [String: String], stdout: String = "/dev/null", stderr: String = "/dev/null"
  ) throws(SpawnFailure) -> ChildProcess {
    guard let executable = arguments.first else { throw SpawnFailure(description: "nothing to run") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let environmentLines = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    var pid = pid_t()
    let started = Monotonic.now()
    let result = withCStrings(arguments) { argv in
      withCStrings(environmentLines) { envp in posix_spawn(&pid, executable, &actions, nil, argv, envp) }
    }
    guard result == 0 else {
      throw SpawnFailure(description: "cannot start \(executable): \(String(cString: strerror(result)))")
    }
    return ChildProcess(pid: pid, started: started)
  }

  /// Waits for the process to end.
  func wait() throws(SpawnFailure) -> ChildOutcome {
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
      guard errno == EINTR else { throw SpawnFailure(description: "wait4 failed: \(String(cString: strerror(errno)))") }
    }
    let seconds = Monotonic.now() - started
    let signal = status & 0x7f
    let exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
    let cpu = [usage.ru_utime, usage.ru_stime].reduce(0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
    return ChildOutcome(
      status: exitStatus, seconds: seconds, peakBytes: Int(usage.ru_maxrss) * 1024, cpuSeconds: cpu)
  }

  /// Asks the process to stop (SIGTERM) and waits for it.
  @discardableResult
  func terminate() throws(SpawnFailure) -> ChildOutcome {
    kill(pid, SIGTERM)
    return try wait()
  }

  /// Runs a command to the end.
  static func run(
    _ arguments: [String], environment: [String: String], stdout: String = "/dev/null", stderr: String = "/dev/null"
  ) throws(SpawnFailure) -> ChildOutcome {
    try spawn(arguments, environment: environment, stdout: stdout, stderr: stderr).wait()
  }
}

/// Calls `body` with a NULL-terminated C array of copies of `strings`.
private func withCStrings<Result>(
  _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result
) -> Result {
  let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
  defer { pointers.forEach { free($0) } }
  return body(pointers)
}

/// Monotonic seconds.
enum Monotonic {
  static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}

/// Peak memory of a command, measured so that this process's own size does not leak into it.
///
/// Linux charges a spawned child with the resident set of the process that spawned it (the
/// memory the child shares until `exec`; `ru_maxrss` is a maximum over the child's life), and
/// this benchmark, linked with Foundation, NIO and Hummingbird, is about as large as a small
/// `boomi-release` run. So the command is started through GNU time, a ~2 MB process whose forked
/// child execs the command: `%M` is that child's `ru_maxrss` from `wait4`. Without
/// `/usr/bin/time` the command is spawned directly, and figures at or below the spawn floor (the
/// `ru_maxrss` of `/bin/true` spawned the same way) mean only "at most that".
enum PeakMemory {
  static let gnuTime = "/usr/bin/time"

  static var method: String {
    usesGNUTime
      ? "ru_maxrss of the command forked by GNU time (`/usr/bin/time -f %M`)"
      : "ru_maxrss of the spawned command (no /usr/bin/time: figures near the spawn floor are upper bounds)"
  }

  static var usesGNUTime: Bool { access(gnuTime, X_OK) == 0 }

  /// Runs the command to the end; `peakBytes` is its own peak resident set.
  static func run(
    _ arguments: [String], environment: [String: String], stdout: String = "/dev/null", stderr: String = "/dev/null",
    scratch: String
  ) throws(SpawnFailure) -> ChildOutcome {
    guard usesGNUTime else {
      return try ChildProcess.run(arguments, environment: environment, stdout: stdout, stderr: stderr)
    }
    let report = scratch + "/peak-memory.txt"
    var outcome = try ChildProcess.run(
      [gnuTime, "-f", "%M", "-o", report] + arguments, environment: environment, stdout: stdout, stderr: stderr)
    // The last line is %M; GNU time puts "Command exited with non-zero status N" before it.
    let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
    guard let kilobytes = text.split(separator: "\n").last.flatMap({ Int($0) }) else {
      throw SpawnFailure(description: "GNU time reported no peak memory for \(arguments.first ?? "?")")
    }
    outcome.peakBytes = kilobytes * 1024
    return outcome
  }
}
