import ArgumentParser
import BoomiAPI
import BoomiEmulator
import Foundation
import ReleaseCore

/// Options of the commands that call Boomi.
struct ConnectionOptions: ParsableArguments {
  @Option(help: "Requests per second to Boomi, for all calls together (0.01 to 10, Boomi's limit).")
  var rate: Double = 5

  @Flag(
    help: """
      Talk to the built-in Boomi emulator instead of Boomi: no account needed, nothing leaves this \
      machine. It is seeded from the manifest and keeps its state beside the lockfile.
      """)
  var emulator = false

  func validate() throws {
    try NumericOption.check(
      "--rate", rate,
      in: ClientConfiguration.minimumRequestsPerSecond...ClientConfiguration.maximumRequestsPerSecond)
  }

  /// Where this run's calls go (SPEC §10.1), which the lockfile must belong to.
  func endpoint(_ environment: [String: String]) throws(CommandFailure) -> Endpoint {
    if emulator { return .emulator }
    // Never echoed: the URL may carry credentials, which the client refuses with its own message.
    guard let endpoint = Endpoint(baseURL: Connection.baseURL(environment)) else {
      throw CommandFailure("BOOMI_API_URL must be an absolute URL such as \(ClientConfiguration.defaultBaseURL)")
    }
    return endpoint
  }
}

/// The range checks of numeric options, made when the command line is parsed (exit 64).
enum NumericOption {
  static func check<Value: Comparable & CustomStringConvertible>(
    _ name: String, _ value: Value, in range: ClosedRange<Value>
  ) throws {
    // NaN compares false with everything, so it fails this check too.
    guard range.lowerBound <= value, value <= range.upperBound else {
      throw ValidationError("\(name) must be from \(range.lowerBound) to \(range.upperBound), not \(value)")
    }
  }
}

/// Where a run's calls go: to Boomi, configured from the environment (SPEC §2: BOOMI_API_URL,
/// BOOMI_USERNAME and BOOMI_API_TOKEN or BOOMI_PASSWORD; the account is the manifest's or
/// BOOMI_ACCOUNT_ID), or to the emulator started in this process for `--emulator`.
enum Connection {
  /// The account an emulated run uses when neither the manifest nor the environment names one.
  static let emulatedAccount = "emulator-account"

  /// Checked connection settings, made before anything is planned or shown.
  enum Settings {
    case boomi(ClientConfiguration)
    case emulator(rate: Double)
  }

  /// The settings `options` and `environment` give for a run on `workspace`, or a failure naming
  /// what to set (never a value).
  static func settings(
    _ options: ConnectionOptions, workspace: Workspace, environment: [String: String]
  ) throws(CommandFailure) -> Settings {
    if options.emulator { return .emulator(rate: options.rate) }
    guard let account = workspace.account else {
      throw CommandFailure("no Boomi account: set `account:` in the manifest or BOOMI_ACCOUNT_ID")
    }
    do {
      return .boomi(
        try ClientConfiguration(
          baseURL: baseURL(environment),
          accountID: account, credentials: try Credentials.fromEnvironment(environment),
          requestsPerSecond: options.rate))
    } catch {
      throw CommandFailure(error.description)
    }
  }

  /// BOOMI_API_URL, or Boomi's own API when it is unset or empty.
  static func baseURL(_ environment: [String: String]) -> String {
    environment["BOOMI_API_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? ClientConfiguration.defaultBaseURL
  }

  /// Runs `body` with a client for `settings` and shuts everything down afterwards, whatever
  /// happens.
  static func withClient<Result>(
    _ settings: Settings, workspace: Workspace, verbose: Bool, console: Console, stop: StopSignal? = nil,
    _ body: (PlatformClient) async throws -> Result
  ) async throws -> Result {
    let log: (@Sendable (String) -> Void)? = verbose ? { @Sendable line in console.error(line + "\n") } : nil
    var emulator: RunningEmulator?
    let configuration: ClientConfiguration
    switch settings {
    case .boomi(let boomi):
      configuration = boomi
    case .emulator(let rate):
      let running = try await startEmulator(for: workspace, console: console)
      emulator = running.emulator
      do {
        configuration = try ClientConfiguration(
          baseURL: running.emulator.baseURL, accountID: running.account, credentials: running.credentials,
          requestsPerSecond: rate)
      } catch {
        await running.emulator.shutdown()
        throw CommandFailure(error.description)
      }
    }
    let transport = AsyncHTTPTransport()
    var client = PlatformClient(configuration: configuration, transport: transport.transport, log: log)
    if let stop { client = client.stopping(on: stop) }
    do {
      let result = try await body(client)
      await transport.shutdown()
      await emulator?.shutdown()
      return result
    } catch {
      await transport.shutdown()
      await emulator?.shutdown()
      throw error
    }
  }

  /// Starts the emulator on an ephemeral loopback port, seeded from the manifest, with its state
  /// beside the lockfile and a one-time token that never leaves this process.
  private static func startEmulator(
    for workspace: Workspace, console: Console
  ) async throws -> (emulator: RunningEmulator, account: String, credentials: Credentials) {
    guard let manifest = workspace.manifest else { throw CommandFailure("the emulator needs a valid manifest") }
    let account = workspace.account ?? emulatedAccount
    let token = UUID().uuidString
    let statePath = emulatorStatePath(forLockfile: workspace.lockfilePath)
    let configuration = EmulatorConfiguration(
      account: account, username: "boomi-release", token: token, today: workspace.today(in: manifest),
      stateFile: statePath, catalog: Catalog(manifest: manifest))
    do {
      let emulator = try await Emulator.start(configuration)
      console.error(
        console.errorStyle.apply("note:", .bold, .cyan)
          + " using the built-in Boomi emulator (nothing is sent to Boomi); its state is kept in \(statePath)\n")
      return (emulator, account, Credentials(username: "boomi-release", secret: .apiToken(token)))
    } catch let error as EmulatorStartError {
      throw CommandFailure(
        "could not start the emulator: \(error)",
        exitCode: error.stateFileInUse ? ExitStatus.locked : ExitStatus.failure)
    } catch {
      throw CommandFailure("could not start the emulator: \(error)")
    }
  }

  /// `release.emulator.lock.json` → `release.emulator.state.json`.
  static func emulatorStatePath(forLockfile path: String) -> String {
    path.hasSuffix(".lock.json") ? String(path.dropLast(".lock.json".count)) + ".state.json" : path + ".state.json"
  }
}
