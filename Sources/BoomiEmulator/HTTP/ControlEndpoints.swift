import Foundation
import HTTPTypes
import Hummingbird
import ReleaseCore

/// The control endpoints under `/__emulator/`: not part of Boomi's API, so registered outside
/// ``BoomiGate`` — never authenticated, rate limited or faulted, and never in the request log.
struct ControlEndpoints {
  typealias Context = EmulatorRequestContext

  let store: EmulatorStore
  let maxBodyBytes: Int

  static let index =
    "There are: POST reset, GET state, GET requests, GET|POST clock, GET|POST faults, POST fail-release."

  typealias Handler = @Sendable (Request, Context) async -> Response

  func register(on group: RouterGroup<Context>) {
    let endpoints: [(method: HTTPRequest.Method, path: String, handler: Handler)] = [
      (
        .post, "reset",
        { _, _ in
          await store.reset()
          return Replies.json(200, await store.dump(), pretty: true)
        }
      ),
      (.get, "state", { _, _ in Replies.json(200, await store.dump(), pretty: true) }),
      (
        .get, "requests",
        { _, _ in Replies.json(200, RequestList(requests: await store.loggedRequests()), pretty: true) }
      ),
      (
        .get, "clock",
        { _, _ in
          let state = await store.dump()
          return Replies.json(200, ClockBody(today: state.today, todayFixed: state.todayFixed))
        }
      ),
      (.post, "clock", { request, _ in await setClock(request) }),
      (.get, "faults", { _, _ in Replies.json(200, await store.settings) }),
      (.post, "faults", { request, _ in await updateFaults(request) }),
      (.post, "fail-release", { request, _ in await failRelease(request) }),
    ]
    for (method, path, handler) in endpoints {
      group.on(RouterPath(path), method: method, use: handler)
    }
  }

  /// Answers, with the list of control endpoints, any request under `/__emulator/` that no
  /// control route took. Added to the router after the control routes and before ``BoomiGate``,
  /// it sees only what those routes did not match: the gate is for Boomi's endpoints alone.
  struct Fallback: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    func handle(
      _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
      let segments = request.pathSegments
      guard segments.first == "__emulator" else { return try await next(request, context) }
      let path = segments.dropFirst().joined(separator: "/")
      return Replies.error(404, "No control endpoint \(request.method.rawValue) /__emulator/\(path). \(index)")
    }
  }

  private func setClock(_ request: Request) async -> Response {
    await withBody(request, ClockRequest.self) { body in
      guard let text = body.today else { return Replies.error(400, "send {\"today\": \"yyyy-MM-dd\"}") }
      switch CalendarDate.parse(text) {
      case .success(let date): return Replies.json(200, await store.setToday(date), pretty: true)
      case .failure(let problem): return Replies.error(400, "'\(text)' is not a date: \(problem.explanation)")
      }
    }
  }

  private func updateFaults(_ request: Request) async -> Response {
    await withBody(request, RuntimeSettings.self) { patch in
      switch await store.updateSettings(patch) {
      case .success(let settings): return Replies.json(200, settings)
      case .failure(let failure): return Replies.error(failure.status, failure.message)
      }
    }
  }

  private func failRelease(_ request: Request) async -> Response {
    await withBody(request, FailRequest.self) { body in
      guard let requestId = body.requestId else { return Replies.error(400, "send {\"requestId\": \"release-…\"}") }
      switch await store.failRelease(requestId, message: body.message) {
      case .success(let state): return Replies.json(200, state, pretty: true)
      case .failure(let failure): return Replies.error(failure.status, failure.message)
      }
    }
  }

  private func withBody<T: Decodable>(
    _ request: Request, _ type: T.Type, _ handle: (T) async -> Response
  ) async -> Response {
    var request = request
    switch await request.readBody(limit: maxBodyBytes) {
    case .tooLarge: return Replies.error(413, "The request body is too large.")
    case .unreadable: return Replies.error(400, "The request body could not be read.")
    case .bytes(let bytes):
      switch JSONBody.decode(type, from: bytes, what: "control request") {
      case .success(let body): return await handle(body)
      case .failure(let problem): return Replies.error(400, problem.message)
      }
    }
  }

  /// `GET /__emulator/requests`.
  struct RequestList: Encodable {
    var requests: [RequestLogEntry]
  }

  /// `POST /__emulator/clock`.
  struct ClockRequest: Decodable {
    var today: String?
  }

  /// `GET /__emulator/clock`.
  struct ClockBody: Encodable {
    var today: String
    var todayFixed: Bool
  }

  /// `POST /__emulator/fail-release`.
  struct FailRequest: Decodable {
    var requestId: String?
    var message: String?
  }
}
