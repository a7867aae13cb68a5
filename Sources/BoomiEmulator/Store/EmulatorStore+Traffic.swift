import Foundation

/// What happened to a request to a Boomi endpoint, as `GET /__emulator/requests` reports it.
struct RequestLogEntry: Encodable, Sendable {
  var sequence: Int
  var method: String
  var path: String
  /// The status the emulator produced; when `answered` is false it was never sent.
  var status: Int
  var answered: Bool
  var outcome: Outcome
  var operation: String?
  var requestId: String?
  /// The authenticated user name (never a token or password).
  var user: String?
  var body: String

  /// How a request ended.
  enum Outcome: String, Encodable, Sendable {
    case processed
    case rejected
    case unauthorized
    case forbidden
    case rateLimited = "rate-limited"
    case fault503 = "fault-503"
    case dropped
    case timedOut = "timed-out"
  }
}

/// The rate limit and the fault dice for one admitted request.
struct Admission: Sendable {
  enum Verdict: Sendable {
    case admitted
    case rateLimited
    case fault503
  }

  var verdict: Verdict
  /// Whether the connection is closed unanswered after processing (CREATE/UPDATE only).
  var drop: Bool
  /// Whether the request is held unanswered after processing, then closed.
  var timeout: Bool
  var timeoutHold: Duration
}

extension EmulatorStore {
  /// Numbers a new request (so the log keeps arrival order) and says what latency to add.
  func beginRequest() -> (sequence: Int, latency: Duration) {
    defer { nextSequence += 1 }
    return (nextSequence, .milliseconds(faults.latencyMilliseconds))
  }

  /// Applies the rate limit, then rolls the fault dice. All three dice are rolled for every
  /// request that passes the limit, in a fixed order, so with `--seed` the same sequence of
  /// requests meets the same faults whatever the fractions are.
  func admit(account: String) -> Admission {
    let hold = Duration.milliseconds(faults.timeoutHoldMilliseconds)
    if rateLimit > 0 {
      let now = clock.now()
      var bucket = buckets[account] ?? TokenBucket(rate: rateLimit, now: now)
      let admitted = bucket.take(now: now)
      buckets[account] = bucket
      if !admitted { return Admission(verdict: .rateLimited, drop: false, timeout: false, timeoutHold: hold) }
    }
    let fail = faultRandom.nextFraction() < faults.fail503
    let drop = faultRandom.nextFraction() < faults.dropAfterCommit
    let timeout = faultRandom.nextFraction() < faults.timeout
    return Admission(verdict: fail ? .fault503 : .admitted, drop: drop, timeout: timeout, timeoutHold: hold)
  }

  /// Records how a request ended.
  func finishRequest(_ entry: RequestLogEntry) {
    var entry = entry
    if entry.body.utf8.count > Self.loggedBodyLimit {
      entry.body = String(decoding: entry.body.utf8.prefix(Self.loggedBodyLimit), as: UTF8.self) + "…"
    }
    requestLog.append(entry)
    if requestLog.count > Self.requestLogCapacity {
      requestLog.removeFirst(requestLog.count - Self.requestLogCapacity)
      requestLogOverflow += 1
    }
  }

  /// The request log in arrival order.
  func loggedRequests() -> [RequestLogEntry] {
    requestLog.sorted { $0.sequence < $1.sequence }
  }
}
