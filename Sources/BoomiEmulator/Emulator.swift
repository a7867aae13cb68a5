import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// Starts emulators: a real HTTP server on loopback speaking the Boomi Platform API endpoints
/// `boomi-release` uses, for tests, demos and CI dry runs.
public enum Emulator {
  /// Starts an emulator and returns once it accepts connections. Throws when the
  /// configuration, the state file or the address is unusable.
  public static func start(_ configuration: EmulatorConfiguration) async throws -> RunningEmulator {
    let logger = makeLogger(configuration)
    let (router, store) = try await makeRouter(configuration, logger: logger)
    let (events, continuation) = AsyncStream<StartEvent>.makeStream()
    let app = Application(
      router: router,
      server: .http1(
        configuration: .init(
          additionalChannelHandlers: [FaultChannelHandler()],
          idleTimeout: configuration.idleTimeout.map { .nanoseconds(Int64($0 / .nanoseconds(1))) })),
      configuration: ApplicationConfiguration(
        address: .hostname(configuration.host, port: configuration.port), serverName: nil),
      onServerRunning: { channel in
        continuation.yield(.running(port: channel.localAddress?.port ?? configuration.port))
      },
      logger: logger)
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger))
    let task = Task {
      do {
        try await group.run()
        continuation.yield(.stopped(nil))
      } catch {
        continuation.yield(.stopped(error))
      }
      continuation.finish()
    }
    for await event in events {
      switch event {
      case .running(let port):
        return RunningEmulator(host: configuration.host, port: port, group: group, task: task, store: store)
      case .stopped(let error):
        await store.releaseStateFile()
        throw EmulatorStartError(description: "the emulator could not start: \(error.map { "\($0)" } ?? "it stopped")")
      }
    }
    await store.releaseStateFile()
    throw EmulatorStartError(description: "the emulator could not start")
  }

  /// The emulator as a Hummingbird router, for Hummingbird's test framework or another
  /// application. Drops and timeouts need ``FaultChannelHandler`` in the HTTP pipeline, which
  /// only ``start(_:)`` installs; a state file stays locked until the process ends.
  public static func router(_ configuration: EmulatorConfiguration) async throws -> Router<EmulatorRequestContext> {
    try await makeRouter(configuration, logger: makeLogger(configuration)).router
  }

  /// The routes: the control endpoints, then the control fallback and the gate, then Boomi's
  /// endpoints behind them. The router applies a middleware only to the routes added after it
  /// (and to "not found"), so the control endpoints are never gated. Writes the state file's
  /// first snapshot (compacting one loaded from an earlier run).
  private static func makeRouter(
    _ configuration: EmulatorConfiguration, logger: Logger
  ) async throws -> (router: Router<EmulatorRequestContext>, store: EmulatorStore) {
    let store: EmulatorStore
    do {
      store = try EmulatorStore(configuration: configuration, logger: logger)
    } catch {
      throw EmulatorStartError(description: error.description, stateFileInUse: error.stateFileInUse)
    }
    await store.persistIfNeeded()
    let router = Router(context: EmulatorRequestContext.self)
    ControlEndpoints(store: store, maxBodyBytes: configuration.maxBodyBytes).register(on: router.group("__emulator"))
    router.add(middleware: ControlEndpoints.Fallback())
    router.add(
      middleware: BoomiGate(
        store: store,
        credentials: Credentials(
          username: configuration.username, token: configuration.token, password: configuration.password),
        account: configuration.account, maxBodyBytes: configuration.maxBodyBytes, logger: logger,
        logRequests: configuration.logRequests))
    BoomiEndpoints(store: store, account: configuration.account, host: configuration.host)
      .register(on: router.group("api/rest/v1/:accountId"))
    return (router, store)
  }

  private static func makeLogger(_ configuration: EmulatorConfiguration) -> Logger {
    var logger = Logger(label: "boomi-emulator") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = configuration.logRequests ? .info : .warning
    return logger
  }

  private enum StartEvent: Sendable {
    case running(port: Int)
    case stopped((any Error)?)
  }
}

/// Why an emulator did not start.
public struct EmulatorStartError: Error, CustomStringConvertible {
  public var description: String
  /// The state file is held by another running emulator.
  public var stateFileInUse = false
}

/// A running emulator: where it listens, and how to stop it.
public final class RunningEmulator: Sendable {
  public let host: String
  public let port: Int
  private let group: ServiceGroup
  private let task: Task<Void, Never>
  let store: EmulatorStore

  /// How long a shutdown waits for requests in flight before cancelling them.
  static let shutdownGrace = Duration.seconds(2)

  init(host: String, port: Int, group: ServiceGroup, task: Task<Void, Never>, store: EmulatorStore) {
    self.host = host
    self.port = port
    self.group = group
    self.task = task
    self.store = store
  }

  /// `http://127.0.0.1:PORT/api/rest/v1`: `BOOMI_API_URL` for a client (the account id is
  /// appended to it).
  public var baseURL: String { "\(rootURL)/api/rest/v1" }

  /// `http://127.0.0.1:PORT`; the control endpoints are under `\(rootURL)/__emulator/`.
  public var rootURL: String {
    let shown = host == "0.0.0.0" || host == "::" || host.isEmpty ? "127.0.0.1" : host
    return "http://\(shown.contains(":") ? "[\(shown)]" : shown):\(port)"
  }

  /// Stops the server: it stops accepting, lets requests in flight finish for up to two
  /// seconds, then cancels what is left (such as requests held by the timeout fault).
  public func shutdown() async {
    await group.triggerGracefulShutdown()
    let task = self.task
    let watchdog = Task {
      try? await Task.sleep(for: Self.shutdownGrace)
      if !Task.isCancelled { task.cancel() }
    }
    await task.value
    watchdog.cancel()
    await store.releaseStateFile()
  }
}
