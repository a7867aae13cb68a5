/// Why a call to Boomi failed, in the terms that decide what to do next.
public enum PlatformError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Boomi did not process the request (busy or rate limited: HTTP 503; or no connection could
  /// be made), and retrying did not get through. Safe to try again later.
  case notProcessed(status: Int?, message: String)
  /// Boomi refused the request (4xx) with this message. Nothing was done.
  case rejected(status: Int, message: String)
  /// The request may or may not have been processed: sent, then no usable answer (a timeout, a
  /// connection lost mid-response, HTTP 500/502/504). A CREATE or UPDATE in this state is never
  /// sent again automatically: that could release twice.
  case ambiguous(String)
  /// A read (which changes nothing in Boomi) failed: its answer could not be understood, or
  /// every attempt the retry policy allows ended without one.
  case invalidResponse(String)
  /// The call was not sent: the task was cancelled, or the run stopped (``StopSignal``).
  case cancelled

  public var description: String {
    switch self {
    case .notProcessed(let status, let message):
      "Boomi did not process the request\(status.map { " (HTTP \($0))" } ?? ""): \(message)"
    case .rejected(let status, let message): "Boomi refused the request (HTTP \(status)): \(message)"
    case .ambiguous(let reason): "the outcome is unknown: \(reason)"
    case .invalidResponse(let reason): "a read from Boomi failed: \(reason)"
    case .cancelled: "cancelled before it was sent"
    }
  }

  /// Whether Boomi certainly did not act on the request.
  public var certainlyNotProcessed: Bool {
    switch self {
    case .notProcessed, .rejected, .cancelled: true
    case .ambiguous, .invalidResponse: false
    }
  }
}
