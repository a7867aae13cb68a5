import Foundation
import SafeText

/// The typed client for the Boomi Platform API endpoints boomi-release uses.
///
/// Every call goes through one rate limiter and one retry loop. What may be retried follows
/// from the failure's kind: a request Boomi did not process (503, no connection) is retried;
/// one whose outcome is unknown is retried only when it is a read. A CREATE or UPDATE is never
/// sent twice unless the first certainly did not arrive.
public struct PlatformClient: Sendable {
  public let configuration: ClientConfiguration
  private let transport: Transport
  private let limiter: RateLimiter
  private let time: MonotonicTime
  private let log: (@Sendable (String) -> Void)?
  /// Every answer passes through it before anything here reads it.
  private let inbound: InboundText
  /// When set, no further attempt is sent (see ``stopping(on:)``).
  /// Once stopped, no further call is sent (one on the wire finishes).
  public private(set) var stopSignal: StopSignal?

  public init(
    configuration: ClientConfiguration, transport: Transport, time: MonotonicTime = .continuous,
    limiter: RateLimiter? = nil, log: (@Sendable (String) -> Void)? = nil
  ) {
    self.configuration = configuration
    self.transport = transport
    self.time = time
    self.limiter = limiter ?? RateLimiter(requestsPerSecond: configuration.requestsPerSecond, time: time)
    self.log = log
    self.inbound = InboundText(redactor: configuration.credentials.redactor)
  }

  /// This client, sending nothing more once `signal` is stopped: each attempt checks it after its
  /// turn at the rate limiter comes, and throws ``PlatformError/cancelled`` instead of sending.
  public func stopping(on signal: StopSignal) -> PlatformClient {
    var client = self
    client.stopSignal = signal
    return client
  }

  // MARK: - ReleaseIntegrationPack

  /// `POST ReleaseIntegrationPack`: a new release. Never retried once it may have been received.
  public func createRelease(_ body: ReleaseRequestBody) async throws(PlatformError) -> AcceptedRelease {
    try await release(url: configuration.url("ReleaseIntegrationPack"), body: body)
  }

  /// `POST ReleaseIntegrationPack/{packId}`: modify the pending scheduled release.
  public func updateRelease(packId: String, _ body: ReleaseRequestBody) async throws(PlatformError) -> AcceptedRelease {
    try await release(url: configuration.url("ReleaseIntegrationPack", packId), body: body)
  }

  /// Sends the body as given and checks Boomi's acceptance once: accepted is a usable requestId;
  /// anything else after the request may have been processed is an unknown outcome.
  private func release(url: String, body: ReleaseRequestBody) async throws(PlatformError) -> AcceptedRelease {
    try await call("POST", url, body: body.bytes, idempotent: false) { response -> Answer<AcceptedRelease> in
      guard case .success(let answer) = Self.envelope(ReleaseIntegrationPackResponse.self, response) else {
        return .unreadable("Boomi accepted the request (HTTP \(response.status)) but its answer could not be read")
      }
      if answer.isError {
        return .errorBody(
          "HTTP \(response.status) carried an error (\(answer.message ?? "no message")); the release may exist")
      }
      guard case .success(let decoded) = answer.value, let requestId = decoded.requestId, !requestId.isEmpty else {
        return .unreadable("Boomi accepted the request (HTTP \(response.status)) but its answer carried no requestId")
      }
      guard Self.isUsableRequestId(requestId) else {
        return .unreadable(
          "Boomi accepted the request (HTTP \(response.status)) but its requestId '\(requestId.prefix(80))' is not one"
            + " (printable ASCII without spaces, at most \(Self.maximumRequestIdLength) characters)")
      }
      return .value(AcceptedRelease(requestId: requestId, releaseStatusUrl: decoded.releaseStatusUrl))
    }
  }

  static let maximumRequestIdLength = 256

  /// A requestId is a handle to record and send back in a URL: printable ASCII, no spaces.
  static func isUsableRequestId(_ requestId: String) -> Bool {
    requestId.utf8.count <= maximumRequestIdLength && requestId.utf8.allSatisfy { (0x21...0x7E).contains($0) }
  }

  // MARK: - ReleaseIntegrationPackStatus

  /// `GET ReleaseIntegrationPackStatus/{requestId}`. HTTP 202 (still in progress or scheduled)
  /// and 200 (finished) both carry the status.
  public func releaseStatus(requestId: String) async throws(PlatformError) -> ReleaseIntegrationPackStatus {
    try await read(
      ReleaseIntegrationPackStatus.self, "GET", configuration.url("ReleaseIntegrationPackStatus", requestId))
  }

  /// The outcome of one id of a bulk status read.
  public enum BulkItem: Sendable, Equatable {
    case found(ReleaseIntegrationPackStatus)
    case failed(statusCode: Int?, message: String)
  }

  /// `POST ReleaseIntegrationPackStatus/bulk`, in chunks of at most 100 ids. Every id asked for
  /// is in the answer: one Boomi left out is reported as failed.
  public func releaseStatuses(requestIds: [String]) async throws(PlatformError) -> [String: BulkItem] {
    var results: [String: BulkItem] = [:]
    var start = 0
    while start < requestIds.count {
      let chunk = Array(requestIds[start..<min(start + BulkGetRequest.maximumIDs, requestIds.count)])
      start += chunk.count
      let result = try await read(
        BulkResult<ReleaseIntegrationPackStatus>.self, "POST",
        configuration.url("ReleaseIntegrationPackStatus", "bulk"),
        body: WireCoding.encode(BulkGetRequest(ids: chunk)))
      for (position, entry) in result.response.enumerated() {
        let id =
          entry.id ?? entry.index.flatMap { chunk.indices.contains($0) ? chunk[$0] : nil } ?? chunk[safe: position]
        guard let id else { continue }
        if let status = entry.result, entry.statusCode.map({ (200..<300).contains($0) }) ?? true {
          results[id] = .found(status)
        } else {
          results[id] = .failed(statusCode: entry.statusCode, message: entry.errorMessage ?? "no result")
        }
      }
      for id in chunk where results[id] == nil {
        results[id] = .failed(statusCode: nil, message: "Boomi's bulk answer left this id out")
      }
    }
    return results
  }

  // MARK: - PublisherIntegrationPack and PackagedComponent

  /// `GET PublisherIntegrationPack/{id}`.
  public func publisherIntegrationPack(id: String) async throws(PlatformError) -> PublisherIntegrationPack {
    try await read(PublisherIntegrationPack.self, "GET", configuration.url("PublisherIntegrationPack", id))
  }

  /// `POST PublisherIntegrationPack/query`, then `queryMore` until the last page.
  public func queryPublisherIntegrationPacks(
    _ filter: QueryExpression? = nil
  ) async throws(PlatformError)
    -> [PublisherIntegrationPack]
  {
    try await query("PublisherIntegrationPack", filter, as: PublisherIntegrationPack.self)
  }

  /// `GET PackagedComponent/{packageId}`.
  public func packagedComponent(packageId: String) async throws(PlatformError) -> PackagedComponent {
    try await read(PackagedComponent.self, "GET", configuration.url("PackagedComponent", packageId))
  }

  /// `POST PackagedComponent/query`, then `queryMore` until the last page.
  public func queryPackagedComponents(
    _ filter: QueryExpression? = nil
  ) async throws(PlatformError)
    -> [PackagedComponent]
  {
    try await query("PackagedComponent", filter, as: PackagedComponent.self)
  }

  /// A query and all of its pages. `queryMore` takes the raw token as its body, as text.
  private func query<Item: Decodable>(
    _ object: String, _ filter: QueryExpression?, as type: Item.Type
  ) async throws(PlatformError) -> [Item] {
    var page = try await read(
      QueryResult<Item>.self, "POST", configuration.url(object, "query"), body: WireCoding.encode(QueryConfig(filter)))
    var items: [Item] = []
    var seenTokens: Set<String> = []
    while true {
      items += page.result
      guard let token = page.queryToken else { return items }
      guard seenTokens.insert(token).inserted else {
        throw .invalidResponse("\(object) queryMore returned a token it had returned before")
      }
      page = try await read(
        QueryResult<Item>.self, "POST", configuration.url(object, "queryMore"), body: Array(token.utf8),
        contentType: "text/plain")
    }
  }

  // MARK: - Sending

  /// What one answer says, read once by the caller's reader.
  enum Answer<Value> {
    case value(Value)
    /// A 2xx whose body is nevertheless Boomi's error (`"@type": "Error"`).
    case errorBody(String)
    /// A 2xx whose body is not what was asked for.
    case unreadable(String)
  }

  /// The answer's body parsed once, as Boomi's error shape and the object asked for together.
  static func envelope<Value: Decodable>(
    _ type: Value.Type, _ response: HTTPResponse
  ) -> Result<
    Envelope<Value>, Envelope<Value>.DecodingFailure
  > {
    do {
      return .success(try WireCoding.decode(Envelope<Value>.self, from: response.body))
    } catch {
      return .failure(.init(description: "\(error)"))
    }
  }

  /// A read (GET, bulk, query): retried on any failure that allows it, its answer parsed once.
  private func read<Value: Decodable>(
    _ type: Value.Type, _ method: String, _ url: String, body: [UInt8]? = nil, contentType: String = "application/json"
  ) async throws(PlatformError) -> Value {
    try await call(method, url, body: body, contentType: contentType, idempotent: true) { response -> Answer<Value> in
      switch Self.envelope(type, response) {
      case .success(let answer) where answer.isError:
        return .errorBody("HTTP \(response.status) carried an error: \(answer.message ?? "no message")")
      case .success(let answer):
        switch answer.value {
        case .success(let value): return .value(value)
        case .failure(let failure):
          return .unreadable("HTTP \(response.status) with a body that is not a \(type): \(failure.description)")
        }
      case .failure(let failure):
        return .unreadable("HTTP \(response.status) with a body that is not a \(type): \(failure.description)")
      }
    }
  }

  /// Sends one request under the rate limiter, retrying as its failure allows, and reads a 2xx
  /// answer with `reader`. A read (`idempotent`) is tried again after any failure that allows it;
  /// a CREATE or UPDATE only when it certainly was not processed.
  private func call<Value>(
    _ method: String, _ url: String, body: [UInt8]?, contentType: String = "application/json", idempotent: Bool,
    reader: (HTTPResponse) -> Answer<Value>
  ) async throws(PlatformError) -> Value {
    var headers: [(name: String, value: String)] = [
      ("Accept", "application/json"), ("Authorization", configuration.credentials.authorization),
    ]
    if body != nil { headers.append(("Content-Type", contentType)) }
    let request = HTTPRequest(method: method, url: url, headers: headers, body: body)
    var attempt = 0
    while true {
      attempt += 1
      do {
        try await limiter.acquire()
      } catch {
        throw .cancelled
      }
      if stopSignal?.isStopped == true { throw .cancelled }
      log?(Self.describe(request, attempt: attempt))
      let started = time.now()
      let answer: Result<HTTPResponse, Failure>
      do {
        let response = inbound.clean(try await transport.send(request))
        log?("← HTTP \(response.status) in \(Self.milliseconds(time.now() - started)) ms")
        answer = Self.classify(response)
      } catch {
        let failure: Failure
        switch error {
        case .notSent(let reason): failure = .notProcessed(status: nil, message: inbound.clean(reason), retryAfter: nil)
        case .noResponse(let reason): failure = .ambiguous(inbound.clean(reason))
        }
        log?("← \(failure.reason) after \(Self.milliseconds(time.now() - started)) ms")
        answer = .failure(failure)
      }
      let failure: Failure
      switch answer {
      case .success(let response):
        switch reader(response) {
        case .value(let value): return value
        case .errorBody(let reason): failure = .ambiguous(reason)
        case .unreadable(let reason): throw idempotent ? .invalidResponse(reason) : .ambiguous(reason)
        }
      case .failure(let refused):
        failure = refused
      }
      // Only failures reach here: a request is sent again only when Boomi certainly did not act
      // on it, or when it is a read.
      switch failure {
      case .rejected(let status, let message):
        throw .rejected(status: status, message: message)
      case .notProcessed(let status, let message, let retryAfter):
        guard attempt < configuration.retry.maximumAttempts else {
          throw .notProcessed(status: status, message: message)
        }
        try await wait(configuration.retry.delay(afterAttempt: attempt, retryAfter: retryAfter))
      case .ambiguous(let reason):
        guard idempotent, attempt < configuration.retry.maximumAttempts else {
          throw idempotent ? .invalidResponse(reason) : .ambiguous(reason)
        }
        try await wait(configuration.retry.delay(afterAttempt: attempt, retryAfter: nil))
      }
    }
  }

  private func wait(_ delay: Duration) async throws(PlatformError) {
    log?("  retrying in \(Self.milliseconds(delay)) ms")
    do {
      try await time.sleep(for: delay)
    } catch {
      throw .cancelled
    }
  }

  /// Why an attempt did not produce a value.
  enum Failure: Error, Equatable {
    case rejected(status: Int, message: String)
    case notProcessed(status: Int?, message: String, retryAfter: Duration?)
    case ambiguous(String)

    /// What went wrong, for the verbose log.
    var reason: String {
      switch self {
      case .rejected(_, let message), .notProcessed(_, let message, _), .ambiguous(let message): message
      }
    }
  }

  /// What an HTTP answer means. 503 (and 429, 408) say the request was not processed; 500, 502
  /// and 504 leave it unknown; other 4xx and 3xx are refusals (redirects are not followed). A
  /// 2xx is read by the caller; the body of any other is read here, once, for Boomi's message.
  static func classify(_ response: HTTPResponse) -> Result<HTTPResponse, Failure> {
    if (200..<300).contains(response.status) { return .success(response) }
    let message = ErrorBody.message(in: response.body) ?? "no message"
    switch response.status {
    case 408, 429, 503:
      return .failure(
        .notProcessed(
          status: response.status, message: message,
          retryAfter: RetryPolicy.parseRetryAfter(response.header("Retry-After"))))
    case 300..<500:
      return .failure(.rejected(status: response.status, message: message))
    default:
      return .failure(.ambiguous("HTTP \(response.status): \(message)"))
    }
  }

  static func describe(_ request: HTTPRequest, attempt: Int) -> String {
    var lines = ["→ \(request.method) \(request.url)\(attempt > 1 ? " (attempt \(attempt))" : "")"]
    for header in request.headers {
      lines.append("  \(header.name): \(header.name.lowercased() == "authorization" ? "Basic ****" : header.value)")
    }
    if let body = request.body, !body.isEmpty {
      lines.append("  " + String(decoding: body.prefix(2048), as: UTF8.self))
    }
    return lines.joined(separator: "\n")
  }

  static func milliseconds(_ duration: Duration) -> Int {
    Int((duration / .milliseconds(1)).rounded())
  }
}

extension Array {
  subscript(safe index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}
