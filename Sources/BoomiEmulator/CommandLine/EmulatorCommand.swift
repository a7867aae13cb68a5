import ArgumentParser
import Foundation
import ReleaseCore
import UnixSignals

/// The `boomi-emulator` executable: parse the arguments, load the catalog, serve until SIGTERM
/// or SIGINT.
///
/// Exit codes: 0 after a clean stop (or `--help`), 1 when the catalog, state file or address is
/// unusable, 64 on a bad command line (swift-argument-parser's `EX_USAGE`).
public struct EmulatorCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "boomi-emulator",
    abstract: "A local emulator of the Boomi Platform API endpoints boomi-release uses.",
    usage: "boomi-emulator [<options>]",
    discussion: """
      Prints `listening http://HOST:PORT` once it accepts connections; stops on SIGTERM or SIGINT. \
      Credentials missing from the command line are read from BOOMI_ACCOUNT_ID, BOOMI_USERNAME, \
      BOOMI_API_TOKEN and BOOMI_PASSWORD. Prefer those variables for secrets: command-line arguments \
      are visible to other users of the machine.
      """)

  @Option(help: "The port to listen on; 0 picks a free one.")
  var port = 0

  @Option(help: ArgumentHelp("The address to bind.", valueName: "address"))
  var host = "127.0.0.1"

  /// `--catalog`, or `nil` for the built-in demo catalog.
  @Option(
    help: ArgumentHelp(
      "The packs and packaged components to serve, JSON or YAML (default: the built-in demo catalog).",
      valueName: "file"))
  public var catalog: String?

  @Option(help: ArgumentHelp("The only account id accepted in paths (default: $BOOMI_ACCOUNT_ID).", valueName: "id"))
  var account: String?

  @Option(help: ArgumentHelp("The user name of both credential forms (default: $BOOMI_USERNAME).", valueName: "user"))
  var username: String?

  @Option(help: "The API token, sent as Basic BOOMI_TOKEN.USER:TOKEN (default: $BOOMI_API_TOKEN).")
  var token: String?

  @Option(help: "Also accept Basic USER:PASSWORD (default: $BOOMI_PASSWORD; refused when unset).")
  var password: String?

  @Option(help: ArgumentHelp("Requests per second per account; 0 turns the limit off.", valueName: "n"))
  var rateLimit = 10.0

  @Option(
    name: .customLong("fail-503"),
    help: ArgumentHelp("The fraction of requests answered 503, unprocessed.", valueName: "fraction"))
  var fail503 = 0.0

  @Option(
    help: ArgumentHelp(
      "The fraction of CREATE/UPDATE requests processed, then closed without a response.", valueName: "fraction"))
  var dropAfterCommit = 0.0

  @Option(
    help: ArgumentHelp("The fraction of requests processed, then held unanswered and closed.", valueName: "fraction"))
  var timeout = 0.0

  @Option(
    help: ArgumentHelp("How long a timed-out request is held before its connection is closed.", valueName: "ms"))
  var timeoutHoldMs = 30_000

  @Option(help: ArgumentHelp("How long every Boomi request is delayed.", valueName: "ms"))
  var latencyMs = 0

  @Option(help: ArgumentHelp("How long an immediate release stays IN_PROGRESS.", valueName: "ms"))
  var releaseDelayMs = 200

  @Option(
    help: ArgumentHelp("The emulator's date (default: today in UTC).", valueName: "yyyy-MM-dd"),
    transform: EmulatorCommand.date)
  var today: CalendarDate?

  @Option(help: ArgumentHelp("Makes fault choices, requestIds and query tokens repeat.", valueName: "n"))
  var seed: UInt64?

  @Option(
    help: ArgumentHelp("Load the state from this file at start and save it after every change.", valueName: "file"))
  var stateFile: String?

  @Option(help: ArgumentHelp("Close a connection that sends nothing for this long; 0 never.", valueName: "ms"))
  var idleTimeoutMs = 30_000

  public init() {}

  public func validate() throws {
    for (flag, value) in [("--fail-503", fail503), ("--drop-after-commit", dropAfterCommit), ("--timeout", timeout)]
    where !(0...1).contains(value) {
      throw ValidationError("\(flag) must be a fraction from 0 to 1, not \(value)")
    }
    guard rateLimit >= 0, rateLimit.isFinite else {
      throw ValidationError("--rate-limit must be 0 (off) or a positive number, not \(rateLimit)")
    }
    guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, not \(port)") }
    let milliseconds = [
      ("--timeout-hold-ms", timeoutHoldMs), ("--latency-ms", latencyMs), ("--release-delay-ms", releaseDelayMs),
      ("--idle-timeout-ms", idleTimeoutMs),
    ]
    for (flag, value) in milliseconds where !(0...Int(Int32.max)).contains(value) {
      throw ValidationError("\(flag) must be from 0 to \(Int32.max), not \(value)")
    }
  }

  /// The emulator this command line describes, with the credentials it does not give taken from
  /// `environment` (the flags win).
  public func emulatorConfiguration(environment: [String: String]) throws -> EmulatorConfiguration {
    func value(_ flag: String?, _ variable: String) -> String? {
      (flag ?? environment[variable]).flatMap { $0.isEmpty ? nil : $0 }
    }
    func required(_ flag: String?, _ name: String, _ variable: String) throws -> String {
      guard let value = value(flag, variable) else {
        throw ValidationError("--\(name) is required (or set \(variable))")
      }
      return value
    }
    return EmulatorConfiguration(
      account: try required(account, "account", "BOOMI_ACCOUNT_ID"),
      username: try required(username, "username", "BOOMI_USERNAME"),
      token: try required(token, "token", "BOOMI_API_TOKEN"), password: value(password, "BOOMI_PASSWORD"),
      rateLimit: rateLimit,
      faults: FaultSettings(
        fail503: fail503, dropAfterCommit: dropAfterCommit, timeout: timeout, latencyMilliseconds: latencyMs,
        timeoutHoldMilliseconds: timeoutHoldMs),
      releaseDelay: .milliseconds(releaseDelayMs), seed: seed, today: today, stateFile: stateFile, host: host,
      port: port, logRequests: true, idleTimeout: idleTimeoutMs == 0 ? nil : .milliseconds(idleTimeoutMs))
  }

  /// Parses the process's arguments and serves, or exits with swift-argument-parser's message
  /// and code. (Called from the executable's top-level code, where `main()` would resolve to the
  /// synchronous entry point.)
  public static func runFromCommandLine() async {
    do {
      let command = try parse()
      try await command.run()
    } catch {
      exit(withError: error)
    }
  }

  public func run() async throws {
    var configuration = try emulatorConfiguration(environment: ProcessInfo.processInfo.environment)
    if let catalog {
      do {
        configuration.catalog = try Catalog.load(contentsOf: catalog)
      } catch {
        let summary = error.diagnostics.isEmpty ? "" : "boomi-emulator: the catalog \(catalog) has errors\n"
        Self.write(error.rendered + summary, to: .standardError)
        throw ExitCode.failure
      }
    }
    // Trap the signals before announcing the port, so a signal sent as soon as the line is read
    // stops the emulator cleanly.
    let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
    let running: RunningEmulator
    do {
      running = try await Emulator.start(configuration)
    } catch {
      Self.write("boomi-emulator: \(error)\n", to: .standardError)
      throw ExitCode.failure
    }
    Self.write("listening \(running.rootURL)\n", to: .standardOutput)
    for await signal in signals {
      Self.write("boomi-emulator: \(signal), stopping\n", to: .standardError)
      break
    }
    await running.shutdown()
  }

  private static func date(_ text: String) throws -> CalendarDate {
    switch CalendarDate.parse(text) {
    case .success(let date): return date
    case .failure(let problem): throw ValidationError("not a date: \(problem.explanation)")
    }
  }

  private static func write(_ text: String, to handle: FileHandle) {
    handle.write(Data(text.utf8))
  }
}
