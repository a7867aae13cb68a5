import Foundation

/// The system `git`, run as a subprocess in one repository with the user's own configuration and
/// credentials (SPEC §10.3). Never interactive: a prompt for a password would hang a CI job.
struct Git: Sendable {
  /// The directory git runs in.
  var directory: String
  /// The environment git gets: the user's, with prompts turned off.
  var environment: [String: String]
  /// How long one git command may take.
  var timeout: Duration = .seconds(120)

  init(directory: String, environment: [String: String]) {
    self.directory = directory
    // Git, and the hooks and helpers it runs, get no Boomi credential.
    var environment = environment.filter { !$0.key.hasPrefix("BOOMI_") }
    environment["GIT_TERMINAL_PROMPT"] = "0"
    environment["GIT_SSH_COMMAND"] = environment["GIT_SSH_COMMAND"] ?? "ssh -o BatchMode=yes"
    environment["GCM_INTERACTIVE"] = "never"
    environment["LC_ALL"] = "C"
    self.environment = environment
  }

  /// A git command that failed, with what it said (remote URLs' credentials masked).
  struct Failure: Error, CustomStringConvertible {
    var command: String
    var status: Int32
    var output: String

    var description: String {
      let said = output.trimmingCharacters(in: .whitespacesAndNewlines)
      let command = Git.maskingCredentials(self.command)
      if status == Git.notFoundStatus { return "could not run git: \(said)" }
      return "`git \(command)` failed (exit \(status))" + (said.isEmpty ? "" : ":\n" + Git.maskingCredentials(said))
    }
  }

  /// The exit status reported when `git` could not be started at all.
  static let notFoundStatus: Int32 = 127

  /// Runs `git ARGUMENTS` and returns its standard output; throws when it exits non-zero.
  @discardableResult
  func run(
    _ arguments: [String], input: [UInt8]? = nil, environment extra: [String: String] = [:]
  ) throws(Failure)
    -> String
  {
    let (status, output, errors) = launch(arguments, input: input, environment: extra)
    guard status == 0 else {
      throw Failure(command: arguments.joined(separator: " "), status: status, output: errors + output)
    }
    return output
  }

  /// Runs `git ARGUMENTS` and says whether it exited 0 (for questions such as "is this an
  /// ancestor?"); an error starting git is thrown.
  func succeeds(_ arguments: [String]) throws(Failure) -> Bool {
    let (status, output, errors) = launch(arguments, input: nil, environment: [:])
    if status == Self.notFoundStatus {
      throw Failure(command: arguments.joined(separator: " "), status: status, output: errors + output)
    }
    return status == 0
  }

  /// `git ARGUMENTS`' exit status, standard output and standard error.
  private func launch(
    _ arguments: [String], input: [UInt8]?, environment extra: [String: String]
  ) -> (Int32, String, String) {
    guard let executable = Self.executable(in: environment) else {
      return (Self.notFoundStatus, "", "no `git` on PATH; install git (e.g. `apt-get install git`)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    // No repository hook runs inside boomi-release's own git commands, and a stalled transfer
    // fails instead of hanging.
    process.arguments =
      ["-c", "core.hooksPath=/dev/null", "-c", "http.lowSpeedLimit=1", "-c", "http.lowSpeedTime=60"]
      + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = environment.merging(extra) { _, new in new }
    let stdout = Pipe()
    let stderr = Pipe()
    let stdin = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = stdin
    do {
      try process.run()
    } catch {
      return (Self.notFoundStatus, "", "\(executable): \(error.localizedDescription)")
    }
    // SIGKILL to git's whole process group (its transport helpers too): git may ignore SIGTERM,
    // as boomi-release does while it runs.
    let pid = process.processIdentifier
    let timer = DispatchWorkItem { [process] in
      if process.isRunning {
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
      }
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Int(timeout.components.seconds)), execute: timer)
    // Both pipes are drained at once, so that git never blocks on a full one; the input is
    // written on its own thread, and git ending before reading it is not an error here.
    let errors = Drain(stderr.fileHandleForReading)
    let writer = stdin.fileHandleForWriting
    Thread.detachNewThread {
      if let input { try? writer.write(contentsOf: Data(input)) }
      try? writer.close()
    }
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    timer.cancel()
    let status =
      process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return (status, String(decoding: output, as: UTF8.self), errors.text())
  }

  /// Reads a pipe to its end on another thread.
  private final class Drain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
      Thread.detachNewThread { [self] in
        data = handle.readDataToEndOfFile()
        done.signal()
      }
    }

    func text() -> String {
      done.wait()
      return String(decoding: data, as: UTF8.self)
    }
  }

  /// The `git` found on `PATH`.
  static func executable(in environment: [String: String]) -> String? {
    let path = environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/git" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// `text` with the user information of every URL in it (`https://user:token@host`) masked.
  static func maskingCredentials(_ text: String) -> String {
    var result = ""
    var rest = Substring(text)
    while let scheme = rest.range(of: "://") {
      result += rest[..<scheme.upperBound]
      rest = rest[scheme.upperBound...]
      let authorityEnd =
        rest.firstIndex { $0 == "/" || $0 == " " || $0 == "\n" || $0 == "'" || $0 == "\"" } ?? rest.endIndex
      if let at = rest[..<authorityEnd].lastIndex(of: "@") {
        result += "***"
        rest = rest[at...]
      }
    }
    return result + rest
  }
}
