import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The request context: Hummingbird's core storage plus the local port the request came in on
/// (for `releaseStatusUrl` when a request has no `Host`).
public struct EmulatorRequestContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  public let localPort: Int?

  public init(source: ApplicationRequestContextSource) {
    coreContext = CoreRequestContextStorage(source: source)
    localPort = source.channel.localAddress?.port
  }
}

/// Answers every request: the control endpoints under `/__emulator/`, and everything else as
/// the Boomi Platform API, through the gate every Boomi request passes (body limit, latency,
/// authentication, account, rate limit, injected 503s, `Accept`) and, after processing, the
/// injected drops and timeouts.
public struct EmulatorResponder: HTTPResponder {
  public typealias Context = EmulatorRequestContext

  let store: EmulatorStore
  let credentials: Credentials
  let account: String
  let host: String
  let maxBodyBytes: Int
  let logger: Logger
  let logRequests: Bool

  public func respond(to request: Request, context: Context) async throws -> Response {
    let path = request.uri.path
    if path == "/__emulator" || path.hasPrefix("/__emulator/") {
      return await control(request, context: context)
    }
    return await boomi(request, context: context)
  }

  // MARK: - The Boomi gate

  /// What a Boomi endpoint produced, before any fault is applied.
  struct Outcome {
    var response: Response
    var requestId: String?
    var operation: String?
    /// CREATE or UPDATE: the requests drop-after-commit applies to.
    var isWrite = false
  }

  private func boomi(_ request: Request, context: Context) async -> Response {
    let (sequence, latency) = await store.beginRequest()
    let query = request.uri.query.map { "?" + $0 } ?? ""
    var entry = RequestLogEntry(
      sequence: sequence, method: request.method.rawValue, path: request.uri.path + query, status: 0,
      answered: true, outcome: .processed, body: "")
    func finish(_ response: Response, _ outcome: RequestLogEntry.Outcome) async -> Response {
      entry.status = response.status.code
      entry.outcome = outcome
      await record(entry)
      return response
    }
    if latency > .zero { try? await Task.sleep(for: latency) }

    let body: [UInt8]
    switch await readBody(request) {
    case .bytes(let bytes): body = bytes
    case .tooLarge:
      return await finish(
        Replies.error(
          413, "The request body is larger than the \(maxBodyBytes) bytes the emulator accepts.",
          headers: [.connection: "close"]), .rejected)
    case .unreadable:
      return await finish(Replies.error(400, "The request body could not be read."), .rejected)
    }
    entry.body = String(decoding: body, as: UTF8.self)

    guard credentials.check(authorization: request.headers[.authorization]) != nil else {
      return await finish(
        Replies.message(
          401,
          "Authentication failed. Send HTTP Basic credentials: BOOMI_TOKEN.<username>:<API token>, or <username>:<password>.",
          headers: [.wwwAuthenticate: "Basic realm=\"Boomi Platform API\""]), .unauthorized)
    }
    entry.user = credentials.username

    let segments = Self.segments(request.uri.path)
    guard segments.count >= 4, segments[0] == "api", segments[1] == "rest", segments[2] == "v1" else {
      return await finish(
        Replies.error(
          404, "No Boomi Platform API endpoint at \(request.uri.path); the base is /api/rest/v1/{accountId}."),
        .rejected)
    }
    guard segments[3] == account else {
      return await finish(Replies.message(403, Replies.forbiddenMessage), .forbidden)
    }

    let admission = await store.admit(account: segments[3])
    switch admission.verdict {
    case .rateLimited: return await finish(Replies.message(503, Replies.busyMessage), .rateLimited)
    case .fault503: return await finish(Replies.message(503, Replies.busyMessage), .fault503)
    case .admitted: break
    }

    guard Self.acceptsJSON(request.headers[.accept]) else {
      return await finish(
        Replies.xmlError(
          406,
          "This emulator answers JSON only, and Boomi answers XML unless asked otherwise: send the header Accept: application/json."
        ), .rejected)
    }

    let outcome = await route(
      request.method, Array(segments.dropFirst(4)), request: request, body: body, context: context)
    entry.requestId = outcome.requestId
    entry.operation = outcome.operation
    let status = outcome.response.status.code
    let processed: RequestLogEntry.Outcome = status < 400 ? .processed : .rejected
    if admission.drop && outcome.isWrite {
      entry.answered = false
      _ = await finish(outcome.response, .dropped)
      return Replies.closeConnection()
    }
    if admission.timeout {
      entry.answered = false
      _ = await finish(outcome.response, .timedOut)
      try? await Task.sleep(for: admission.timeoutHold)
      return Replies.closeConnection()
    }
    return await finish(outcome.response, processed)
  }

  private func record(_ entry: RequestLogEntry) async {
    await store.finishRequest(entry)
    if logRequests {
      let answered = entry.answered ? "\(entry.status)" : "no answer (\(entry.status) withheld)"
      let id = entry.requestId.map { " \($0)" } ?? ""
      logger.info("\(entry.method) \(entry.path) → \(answered) \(entry.outcome.rawValue)\(id)")
    }
  }

  // MARK: - Request helpers

  enum BodyRead {
    case bytes([UInt8])
    case tooLarge
    case unreadable
  }

  /// The whole body, refusing one larger than the limit before reading it when its length is
  /// declared, and as soon as the limit is passed when it is not.
  func readBody(_ request: Request) async -> BodyRead {
    if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBodyBytes {
      return .tooLarge
    }
    do {
      let buffer = try await request.body.collect(upTo: maxBodyBytes)
      return .bytes(Array(buffer.readableBytesView))
    } catch is NIOTooManyBytesError {
      return .tooLarge
    } catch {
      return .unreadable
    }
  }

  /// The path's segments, percent-decoded, without empty ones.
  static func segments(_ path: String) -> [String] {
    path.split(separator: "/").map { segment in
      String(segment).removingPercentEncoding ?? String(segment)
    }
  }

  /// Whether `Accept` names `application/json` (parameters such as `; charset=utf-8` allowed).
  /// A missing header, `*/*` or `application/*` does not: Boomi answers those with XML.
  static func acceptsJSON(_ header: String?) -> Bool {
    guard let header else { return false }
    return header.split(separator: ",").contains { range in
      let mediaType = range.split(separator: ";", maxSplits: 1).first ?? ""
      return mediaType.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }
  }

  /// Whether `Content-Type` is `media` (parameters allowed).
  static func contentType(_ header: String?, is media: String) -> Bool {
    guard let header else { return false }
    let mediaType = header.split(separator: ";", maxSplits: 1).first ?? ""
    return mediaType.trimmingCharacters(in: .whitespaces).lowercased() == media
  }

  /// `http://HOST/api/rest/v1/{account}/ReleaseIntegrationPackStatus/`, with the host the
  /// request was sent to, so the URL works from wherever the client is.
  func statusURLPrefix(_ request: Request, context: Context) -> String {
    let sent = request.head.authority
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:[]")
    let authority: String
    if let sent, !sent.isEmpty, sent.count <= 255, sent.allSatisfy({ allowed.contains($0) }) {
      authority = sent
    } else {
      authority = "\(host):\(context.localPort ?? 0)"
    }
    return "http://\(authority)/api/rest/v1/\(account)/ReleaseIntegrationPackStatus/"
  }
}
