import ReleaseCore

/// Everything an emulator instance needs: the account and credentials it accepts, the catalog
/// it serves, its limits and faults, and where it keeps its state.
public struct EmulatorConfiguration: Sendable {
  /// The only account id accepted in request paths.
  public var account: String
  /// The user name of both credential forms.
  public var username: String
  /// The API token: Basic `BOOMI_TOKEN.<username>:<token>`.
  public var token: String
  /// The password: Basic `<username>:<password>`; that form is refused when `nil`.
  public var password: String?
  /// Requests per second per account (the bucket holds as many); 0 turns the limit off.
  public var rateLimit: Double
  public var faults: FaultSettings
  /// How long an immediate release stays `IN_PROGRESS`.
  public var releaseDelay: Duration
  /// Fixes the fault choices and generated ids; random when `nil`.
  public var seed: UInt64?
  /// The emulator's "today"; the real UTC date (from `clock`) when `nil`.
  public var today: CalendarDate?
  /// Where state is loaded from at start and saved after every change; in memory when `nil`.
  public var stateFile: String?
  public var host: String
  /// 0 picks a free port.
  public var port: Int
  public var catalog: Catalog
  public var clock: EmulatorClock
  /// Largest request body accepted; larger ones are answered 413.
  public var maxBodyBytes: Int
  /// Log one line per request to stderr (the executable does; in-process use logs only warnings).
  public var logRequests: Bool
  /// How long a connection may sit without sending a request (or in the middle of sending one)
  /// before it is closed, so clients that connect and go quiet cannot pile up; `nil` never.
  /// A request being handled (one held by the timeout fault included) is not idle.
  public var idleTimeout: Duration?

  public init(
    account: String, username: String, token: String, password: String? = nil, rateLimit: Double = 10,
    faults: FaultSettings = FaultSettings(), releaseDelay: Duration = .milliseconds(200), seed: UInt64? = nil,
    today: CalendarDate? = nil, stateFile: String? = nil, host: String = "127.0.0.1", port: Int = 0,
    catalog: Catalog = .demo, clock: EmulatorClock = .system, maxBodyBytes: Int = 1 << 20,
    logRequests: Bool = false, idleTimeout: Duration? = .seconds(30)
  ) {
    self.account = account
    self.username = username
    self.token = token
    self.password = password
    self.rateLimit = rateLimit
    self.faults = faults
    self.releaseDelay = releaseDelay
    self.seed = seed
    self.today = today
    self.stateFile = stateFile
    self.host = host
    self.port = port
    self.catalog = catalog
    self.clock = clock
    self.maxBodyBytes = maxBodyBytes
    self.logRequests = logRequests
    self.idleTimeout = idleTimeout
  }
}

/// Faults injected into traffic to the Boomi endpoints (never into the control endpoints).
/// Fractions are between 0 and 1.
public struct FaultSettings: Sendable, Hashable, Codable {
  /// Fraction of requests answered 503 (Boomi's busy message) without being processed.
  public var fail503: Double
  /// Fraction of CREATE/UPDATE requests processed, then closed without any response byte.
  public var dropAfterCommit: Double
  /// Fraction of requests processed, then held open unanswered and closed.
  public var timeout: Double
  /// Added before every request is handled.
  public var latencyMilliseconds: Int
  /// How long a timed-out request is held before its connection is closed.
  public var timeoutHoldMilliseconds: Int

  public init(
    fail503: Double = 0, dropAfterCommit: Double = 0, timeout: Double = 0, latencyMilliseconds: Int = 0,
    timeoutHoldMilliseconds: Int = 30_000
  ) {
    self.fail503 = fail503
    self.dropAfterCommit = dropAfterCommit
    self.timeout = timeout
    self.latencyMilliseconds = latencyMilliseconds
    self.timeoutHoldMilliseconds = timeoutHoldMilliseconds
  }

  enum CodingKeys: String, CodingKey {
    case fail503
    case dropAfterCommit
    case timeout
    case latencyMilliseconds = "latencyMs"
    case timeoutHoldMilliseconds = "timeoutHoldMs"
  }

  /// Why these settings are unusable, or `nil`.
  var problem: String? {
    for (name, value) in [("fail503", fail503), ("dropAfterCommit", dropAfterCommit), ("timeout", timeout)]
    where !(0...1).contains(value) {
      return "\(name) must be a fraction between 0 and 1, not \(value)"
    }
    if latencyMilliseconds < 0 { return "latencyMs must not be negative" }
    if timeoutHoldMilliseconds < 0 { return "timeoutHoldMs must not be negative" }
    return nil
  }
}
