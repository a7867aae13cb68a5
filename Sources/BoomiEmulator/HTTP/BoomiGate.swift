import Hummingbird
import Logging

/// The gate every request to Boomi's API passes, as router middleware: it numbers the request,
/// adds the injected latency, reads the body within its limit, then checks in Boomi's order
/// authentication, the path's account, the rate limit (and the injected 503s) and `Accept`,
/// before the endpoint runs. After it, the injected drops and timeouts turn a processed request
/// into a closed connection. Every request it sees is in the request log, however it ended.
///
/// The control endpoints under `/__emulator/` are registered before the gate is added to the
/// router, and `ControlEndpoints.Fallback` before it answers what they do not match, so it never
/// sees them.
struct BoomiGate: RouterMiddleware {
  typealias Context = EmulatorRequestContext

  let store: EmulatorStore
  let credentials: Credentials
  let account: String
  let maxBodyBytes: Int
  let logger: Logger
  let logRequests: Bool

  /// The objects the emulator serves, for telling "no such endpoint" from "not this method".
  static let emulatedObjects: Set<String> = [
    "ReleaseIntegrationPack", "ReleaseIntegrationPackStatus", "PublisherIntegrationPack", "PackagedComponent",
  ]

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws
    -> Response
  {
    var request = request
    let (sequence, latency) = await store.beginRequest()
    let query = request.uri.query.map { "?" + $0 } ?? ""
    var entry = RequestLogEntry(
      sequence: sequence, method: request.method.rawValue, path: request.uri.path + query, status: 0,
      answered: true, outcome: .processed, body: "")
    if latency > .zero { try? await Task.sleep(for: latency) }

    let (response, outcome, hold) = await admit(&request, context: context, entry: &entry, next: next)
    entry.status = response.status.code
    entry.outcome = outcome
    entry.answered = outcome != .dropped && outcome != .timedOut
    // Logged before a timed-out request is held: the release it made is visible at once.
    await record(entry)
    if let hold { try? await Task.sleep(for: hold) }
    return entry.answered ? response : Replies.closeConnection()
  }

  /// The checks, the endpoint and the faults, in Boomi's order: what was produced, how the
  /// request ended, and how long to hold it unanswered when it timed out.
  private func admit(
    _ request: inout Request, context: Context, entry: inout RequestLogEntry,
    next: (Request, Context) async throws -> Response
  ) async -> (Response, RequestLogEntry.Outcome, hold: Duration?) {
    switch await request.readBody(limit: maxBodyBytes) {
    case .bytes(let bytes): entry.body = String(decoding: bytes, as: UTF8.self)
    case .tooLarge:
      let message = "The request body is larger than the \(maxBodyBytes) bytes the emulator accepts."
      return (Replies.error(413, message, headers: [.connection: "close"]), .rejected, nil)
    case .unreadable: return (Replies.error(400, "The request body could not be read."), .rejected, nil)
    }

    guard credentials.check(authorization: request.headers[.authorization]) != nil else {
      let message =
        "Authentication failed. Send HTTP Basic credentials: BOOMI_TOKEN.<username>:<API token>, or <username>:<password>."
      return (
        Replies.message(401, message, headers: [.wwwAuthenticate: "Basic realm=\"Boomi Platform API\""]),
        .unauthorized, nil
      )
    }
    entry.user = credentials.username

    let segments = request.pathSegments
    guard segments.count >= 4, segments[0] == "api", segments[1] == "rest", segments[2] == "v1" else {
      let message = "No Boomi Platform API endpoint at \(request.uri.path); the base is /api/rest/v1/{accountId}."
      return (Replies.error(404, message), .rejected, nil)
    }
    guard segments[3] == account else { return (Replies.message(403, Replies.forbiddenMessage), .forbidden, nil) }

    let admission = await store.admit(account: segments[3])
    switch admission.verdict {
    case .rateLimited: return (Replies.message(503, Replies.busyMessage), .rateLimited, nil)
    case .fault503: return (Replies.message(503, Replies.busyMessage), .fault503, nil)
    case .admitted: break
    }

    guard request.acceptsJSON else {
      let message =
        "This emulator answers JSON only, and Boomi answers XML unless asked otherwise: send the header Accept: application/json."
      return (Replies.xmlError(406, message), .rejected, nil)
    }

    let response = await endpoint(request, context: context, segments: segments, next: next)
    let notes = context.exchange.notes
    entry.operation = notes.operation
    entry.requestId = notes.requestId
    if admission.drop && notes.isWrite { return (response, .dropped, nil) }
    if admission.timeout { return (response, .timedOut, admission.timeoutHold) }
    return (response, response.status.code < 400 ? .processed : .rejected, nil)
  }

  /// The endpoint's response; the router's "not found" becomes a 404 that says whether the
  /// object is emulated at all.
  private func endpoint(
    _ request: Request, context: Context, segments: [String], next: (Request, Context) async throws -> Response
  ) async -> Response {
    do {
      return try await next(request, context)
    } catch let error as HTTPError where error.status == .notFound {
      let object = segments.count > 4 ? segments[4] : ""
      let what =
        Self.emulatedObjects.contains(object) ? "does not emulate \(request.method.rawValue) on" : "has no endpoint"
      return Replies.error(404, "The emulator \(what) \(request.uri.path).")
    } catch {
      logger.error("the endpoint for \(request.method.rawValue) \(request.uri.path) failed: \(error)")
      return Replies.error(500, "The emulator failed to handle the request.")
    }
  }

  private func record(_ entry: RequestLogEntry) async {
    await store.finishRequest(entry)
    if logRequests {
      let answered = entry.answered ? "\(entry.status)" : "no answer (\(entry.status) withheld)"
      let id = entry.requestId.map { " \($0)" } ?? ""
      logger.info("\(entry.method) \(entry.path) → \(answered) \(entry.outcome.rawValue)\(id)")
    }
  }
}
