import ReleaseCore

/// The `boomi-emulator` command line, parsed by hand (the executable has no ArgumentParser).
public struct EmulatorArguments: Sendable {
  /// The configuration, with the demo catalog until ``catalogPath`` is loaded.
  public var configuration: EmulatorConfiguration
  /// `--catalog FILE`, or `nil` for the built-in demo catalog.
  public var catalogPath: String?
  /// `--help` was given.
  public var showHelp = false

  public static let usage = """
    usage: boomi-emulator [--port N] [--host ADDRESS] [--catalog FILE]
                          [--account ID] [--username USER] [--token TOKEN] [--password PASSWORD]
                          [--rate-limit N] [--fail-503 P] [--drop-after-commit P] [--timeout P]
                          [--timeout-hold-ms N] [--latency-ms N] [--release-delay-ms N]
                          [--today yyyy-MM-dd] [--seed N] [--state-file FILE]
                          [--idle-timeout-ms N]

    A local emulator of the Boomi Platform API endpoints boomi-release uses.

      --port N               port to listen on; 0 (the default) picks a free one
      --host ADDRESS         address to bind (default 127.0.0.1)
      --catalog FILE         packs and packaged components to serve, JSON or YAML
                             (default: the built-in demo catalog)
      --account ID           the account id accepted in paths      (else BOOMI_ACCOUNT_ID)
      --username USER        the user name                         (else BOOMI_USERNAME)
      --token TOKEN          the API token, Basic BOOMI_TOKEN.USER:TOKEN (else BOOMI_API_TOKEN)
      --password PASSWORD    also accept Basic USER:PASSWORD       (else BOOMI_PASSWORD)
      --rate-limit N         requests per second per account, 0 = off (default 10)
      --fail-503 P           fraction of requests answered 503, unprocessed (default 0)
      --drop-after-commit P  fraction of CREATE/UPDATE requests processed, then closed
                             without a response (default 0)
      --timeout P            fraction of requests processed, then held unanswered (default 0)
      --timeout-hold-ms N    how long a timed-out request is held before closing (default 30000)
      --latency-ms N         added to every request (default 0)
      --release-delay-ms N   how long an immediate release stays IN_PROGRESS (default 200)
      --today yyyy-MM-dd     the emulator's date (default: today in UTC)
      --seed N               makes fault choices and generated ids repeatable
      --state-file FILE      load state from FILE at start and save it after every change
      --idle-timeout-ms N    close a connection that sends nothing for this long, 0 = never
                             (default 30000)

    Prints `listening http://HOST:PORT` once it accepts connections; stops on SIGTERM or SIGINT.
    Prefer the environment variables for secrets: command-line arguments are visible to other
    users of the machine.
    """

  /// Parses `arguments` (without the program name). Credentials missing from the arguments are
  /// taken from `environment`.
  public static func parse(
    _ arguments: [String], environment: [String: String]
  ) throws(EmulatorUsageError)
    -> EmulatorArguments
  {
    var values: [String: String] = [:]
    var showHelp = false
    var index = 0
    let flags: Set<String> = [
      "port", "host", "catalog", "account", "username", "token", "password", "rate-limit", "fail-503",
      "drop-after-commit", "timeout", "timeout-hold-ms", "latency-ms", "release-delay-ms", "today", "seed",
      "state-file", "idle-timeout-ms",
    ]
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if argument == "--help" || argument == "-h" {
        showHelp = true
        continue
      }
      guard argument.hasPrefix("--") else { throw EmulatorUsageError("unexpected argument '\(argument)'") }
      var name = String(argument.dropFirst(2))
      var value: String?
      if let equals = name.firstIndex(of: "=") {
        value = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      guard flags.contains(name) else {
        let suggestion = flags.min { editDistance($0, name) < editDistance($1, name) }
        let help = suggestion.map { editDistance($0, name) <= 2 ? " (did you mean --\($0)?)" : "" } ?? ""
        throw EmulatorUsageError("unknown option --\(name)\(help)")
      }
      if value == nil {
        guard index < arguments.count else { throw EmulatorUsageError("--\(name) needs a value") }
        value = arguments[index]
        index += 1
      }
      guard values[name] == nil else { throw EmulatorUsageError("--\(name) is given twice") }
      values[name] = value
    }
    if showHelp {
      var result = EmulatorArguments(
        configuration: EmulatorConfiguration(account: "", username: "", token: ""), catalogPath: nil)
      result.showHelp = true
      return result
    }

    func required(_ flag: String, _ variable: String) throws(EmulatorUsageError) -> String {
      guard let value = values[flag] ?? environment[variable], !value.isEmpty else {
        throw EmulatorUsageError("--\(flag) is required (or set \(variable))")
      }
      return value
    }
    func fraction(_ flag: String) throws(EmulatorUsageError) -> Double {
      guard let text = values[flag] else { return 0 }
      guard let value = Double(text), (0...1).contains(value) else {
        throw EmulatorUsageError("--\(flag) must be a fraction between 0 and 1, not '\(text)'")
      }
      return value
    }
    func count(_ flag: String, default fallback: Int, max: Int = Int(Int32.max)) throws(EmulatorUsageError) -> Int {
      guard let text = values[flag] else { return fallback }
      guard let value = Int(text), value >= 0, value <= max else {
        throw EmulatorUsageError("--\(flag) must be a whole number from 0 to \(max), not '\(text)'")
      }
      return value
    }

    let account = try required("account", "BOOMI_ACCOUNT_ID")
    let username = try required("username", "BOOMI_USERNAME")
    let token = try required("token", "BOOMI_API_TOKEN")
    let password = values["password"] ?? environment["BOOMI_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
    var rateLimit = 10.0
    if let text = values["rate-limit"] {
      guard let value = Double(text), value >= 0, value.isFinite else {
        throw EmulatorUsageError("--rate-limit must be 0 (off) or a positive number, not '\(text)'")
      }
      rateLimit = value
    }
    var today: CalendarDate?
    if let text = values["today"] {
      switch CalendarDate.parse(text) {
      case .success(let date): today = date
      case .failure(let problem): throw EmulatorUsageError("--today '\(text)' is not a date: \(problem.explanation)")
      }
    }
    var seed: UInt64?
    if let text = values["seed"] {
      guard let value = UInt64(text) else { throw EmulatorUsageError("--seed must be a whole number, not '\(text)'") }
      seed = value
    }
    let faults = FaultSettings(
      fail503: try fraction("fail-503"), dropAfterCommit: try fraction("drop-after-commit"),
      timeout: try fraction("timeout"), latencyMilliseconds: try count("latency-ms", default: 0),
      timeoutHoldMilliseconds: try count("timeout-hold-ms", default: 30_000))
    let configuration = EmulatorConfiguration(
      account: account, username: username, token: token, password: password, rateLimit: rateLimit,
      faults: faults, releaseDelay: .milliseconds(try count("release-delay-ms", default: 200)), seed: seed,
      today: today, stateFile: values["state-file"], host: values["host"] ?? "127.0.0.1",
      port: try count("port", default: 0, max: 65_535), logRequests: true,
      idleTimeout: try count("idle-timeout-ms", default: 30_000).nonZero.map { .milliseconds($0) })
    return EmulatorArguments(configuration: configuration, catalogPath: values["catalog"])
  }

  private static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...max(b.count, 1) where !b.isEmpty {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}

extension Int {
  fileprivate var nonZero: Int? { self == 0 ? nil : self }
}

/// A command line `boomi-emulator` cannot run with; it exits 64 after printing the usage.
public struct EmulatorUsageError: Error, Sendable, CustomStringConvertible {
  public var description: String

  public init(_ description: String) {
    self.description = description
  }
}
