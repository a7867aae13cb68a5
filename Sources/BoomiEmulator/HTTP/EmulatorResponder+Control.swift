import Foundation
import HTTPTypes
import Hummingbird
import ReleaseCore

/// The control endpoints under `/__emulator/`: not part of Boomi's API, never authenticated,
/// rate limited or faulted, and never in the request log.
extension EmulatorResponder {
  func control(_ request: Request, context: Context) async -> Response {
    let path = Self.segments(request.uri.path).dropFirst().joined(separator: "/")
    switch (request.method, path) {
    case (.post, "reset"):
      await store.reset()
      return Replies.json(200, await store.dump(), pretty: true)
    case (.get, "state"):
      return Replies.json(200, await store.dump(), pretty: true)
    case (.get, "requests"):
      return Replies.json(200, RequestList(requests: await store.loggedRequests()), pretty: true)
    case (.get, "clock"):
      let state = await store.dump()
      return Replies.json(200, ClockBody(today: state.today, todayFixed: state.todayFixed))
    case (.post, "clock"):
      return await withBody(request, ClockRequest.self) { body in
        guard let text = body.today else { return Replies.error(400, "send {\"today\": \"yyyy-MM-dd\"}") }
        switch CalendarDate.parse(text) {
        case .success(let date): return Replies.json(200, await store.setToday(date), pretty: true)
        case .failure(let problem): return Replies.error(400, "'\(text)' is not a date: \(problem.explanation)")
        }
      }
    case (.get, "faults"):
      return Replies.json(200, await store.settings)
    case (.post, "faults"):
      return await withBody(request, RuntimeSettings.self) { patch in
        switch await store.updateSettings(patch) {
        case .success(let settings): return Replies.json(200, settings)
        case .failure(let failure): return Replies.error(failure.status, failure.message)
        }
      }
    case (.post, "fail-release"):
      return await withBody(request, FailRequest.self) { body in
        guard let requestId = body.requestId else { return Replies.error(400, "send {\"requestId\": \"release-…\"}") }
        switch await store.failRelease(requestId, message: body.message) {
        case .success(let state): return Replies.json(200, state, pretty: true)
        case .failure(let failure): return Replies.error(failure.status, failure.message)
        }
      }
    default:
      return Replies.error(
        404,
        "No control endpoint \(request.method.rawValue) /__emulator/\(path). There are: POST reset, GET state, GET requests, GET|POST clock, GET|POST faults, POST fail-release."
      )
    }
  }

  private func withBody<T: Decodable>(
    _ request: Request, _ type: T.Type, _ handle: (T) async -> Response
  ) async -> Response {
    switch await readBody(request) {
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
