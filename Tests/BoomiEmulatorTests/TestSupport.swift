import AsyncHTTPClient
import BoomiEmulator
import EmulatorFixtures
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import ReleaseCore
import Testing

/// The credentials and date the tests' emulators use, beside the demo catalog's ids.
extension Demo {
  static let account = "acme-8Q78Q1"
  static let username = "release-bot@example.com"
  static let token = "4f1c0d9e-token"
  static let today = CalendarDate(year: 2026, month: 11, day: 23) ?? CalendarDate(year: 2000, month: 1, day: 1)

  /// A CREATE/UPDATE body.
  static func release(
    pack: String = ordersSync, schedule: String = "IMMEDIATELY", date: String? = nil,
    components: [(String, String)] = [(orderSyncProcess, "2.0")]
  ) -> String {
    let list = components.map { #"{"componentId":"\#($0.0)","version":"\#($0.1)"}"# }.joined(separator: ",")
    let dateField = date.map { #","releaseOnDate":"\#($0)""# } ?? ""
    return
      #"{"id":"\#(pack)","releaseSchedule":"\#(schedule)"\#(dateField),"ReleasePackagedComponents":{"ReleasePackagedComponent":[\#(list)]}}"#
  }
}

/// One HTTP answer: status, headers and the body, parsed as JSON when it is JSON.
struct Reply: @unchecked Sendable {
  var status: Int
  /// Header fields by lowercased name.
  var headers: [String: String]
  var text: String

  var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }

  var message: String { json["message"] as? String ?? "" }

  func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// How a test request authenticates.
enum Auth {
  case token
  case password(String)
  case basic(String)
  case none

  var header: String? {
    func basic(_ pair: String) -> String { "Basic " + Data(pair.utf8).base64EncodedString() }
    switch self {
    case .token: return basic("BOOMI_TOKEN.\(Demo.username):\(Demo.token)")
    case .password(let password): return basic("\(Demo.username):\(password)")
    case .basic(let pair): return basic(pair)
    case .none: return nil
    }
  }
}

/// How a test reaches the emulator.
enum Transport {
  /// In process, through Hummingbird's test framework: the whole router (gate, endpoints,
  /// control) without a socket. Drops and timeouts, made in the HTTP pipeline, do not happen.
  case router
  /// A real server on 127.0.0.1 with a free port, over AsyncHTTPClient: for the faults made at
  /// the socket, connections, and the client.
  case socket
  /// As ``socket``, through the given client (to control which connection a request reuses).
  case socketThrough(HTTPClient)
}

/// An emulator with a manual clock, and a way to send it requests.
struct TestEmulator: Sendable {
  let clock: ManualClock
  /// The running server, over ``Transport/socket``; `nil` in process.
  let running: RunningEmulator?
  private let send: @Sendable (HTTPMethod, _ path: String, HTTPHeaders, String?) async throws -> Reply

  /// What the emulator sees as the request's authority, and so puts in `releaseStatusUrl`.
  var authority: String { running.map { "127.0.0.1:\($0.port)" } ?? "localhost" }

  /// A request to a Boomi endpoint, `path` relative to `/api/rest/v1/{account}/`.
  func boomi(
    _ method: HTTPMethod, _ path: String, body: String? = nil, auth: Auth = .token,
    accept: String? = "application/json", contentType: String? = "application/json", account: String = Demo.account
  ) async throws -> Reply {
    try await request(
      method, "/api/rest/v1/\(account)/\(path)", body: body, auth: auth, accept: accept,
      contentType: body == nil ? nil : contentType)
  }

  /// A request to a control endpoint, `path` relative to `/__emulator/`.
  func control(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> Reply {
    try await request(
      method, "/__emulator/\(path)", body: body, auth: .none, accept: nil, contentType: "application/json")
  }

  /// A request to any path on the emulator.
  func request(
    _ method: HTTPMethod, _ path: String, body: String? = nil, auth: Auth = .token,
    accept: String? = "application/json", contentType: String? = "application/json"
  ) async throws -> Reply {
    var headers = HTTPHeaders()
    if let header = auth.header { headers.add(name: "Authorization", value: header) }
    if let accept { headers.add(name: "Accept", value: accept) }
    if body != nil, let contentType { headers.add(name: "Content-Type", value: contentType) }
    return try await send(method, path, headers, body)
  }

  /// Starts one with the demo catalog, today 2026-11-23, no rate limit, a 200 ms release delay
  /// on a clock that moves only when the test moves it (`configure` may change any of that),
  /// runs `body` with it, and always stops it.
  static func with<Value: Sendable>(
    _ transport: Transport, _ configure: @Sendable (inout EmulatorConfiguration) -> Void,
    _ body: @Sendable (TestEmulator) async throws -> Value
  ) async throws -> Value {
    let clock = ManualClock()
    var configuration = EmulatorConfiguration(
      account: Demo.account, username: Demo.username, token: Demo.token, rateLimit: 0,
      releaseDelay: .milliseconds(200), today: Demo.today, clock: clock.clock)
    configure(&configuration)
    switch transport {
    case .router:
      let application = Application(router: try await Emulator.router(configuration))
      return try await application.test(.router) { client in
        try await body(
          TestEmulator(clock: clock, running: nil) { method, path, headers, text in
            var fields = HTTPFields()
            for (name, value) in headers {
              if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
            }
            let response = try await client.executeRequest(
              uri: path, method: HTTPRequest.Method(rawValue: method.rawValue) ?? .get, headers: fields,
              body: text.map { ByteBuffer(string: $0) })
            var replyHeaders: [String: String] = [:]
            for field in response.headers { replyHeaders[field.name.canonicalName] = field.value }
            return Reply(status: response.status.code, headers: replyHeaders, text: String(buffer: response.body))
          })
      }
    case .socket, .socketThrough:
      let client: HTTPClient
      if case .socketThrough(let given) = transport { client = given } else { client = .shared }
      let running = try await Emulator.start(configuration)
      let emulator = TestEmulator(clock: clock, running: running) { method, path, headers, text in
        try await sendRaw(method, running.rootURL + path, headers: headers, body: text, client: client)
      }
      do {
        let value = try await body(emulator)
        await running.shutdown()
        return value
      } catch {
        await running.shutdown()
        throw error
      }
    }
  }

  /// One request to any URL, over a socket.
  static func sendRaw(
    _ method: HTTPMethod, _ url: String, headers: HTTPHeaders, body: String? = nil, client: HTTPClient = .shared
  ) async throws -> Reply {
    var request = HTTPClientRequest(url: url)
    request.method = method
    request.headers = headers
    if let body { request.body = .bytes(ByteBuffer(string: body)) }
    let response = try await client.execute(request, timeout: .seconds(30))
    let bytes = try await response.body.collect(upTo: 16 << 20)
    var replyHeaders: [String: String] = [:]
    for (name, value) in response.headers { replyHeaders[name.lowercased()] = value }
    return Reply(status: Int(response.status.code), headers: replyHeaders, text: String(buffer: bytes))
  }

  // MARK: - Shortcuts

  func create(_ body: String) async throws -> Reply {
    try await boomi(.POST, "ReleaseIntegrationPack", body: body)
  }

  func update(_ pack: String, _ body: String) async throws -> Reply {
    try await boomi(.POST, "ReleaseIntegrationPack/\(pack)", body: body)
  }

  func status(_ requestId: String) async throws -> Reply {
    try await boomi(.GET, "ReleaseIntegrationPackStatus/\(requestId)")
  }

  func publisherPack(_ id: String) async throws -> Reply {
    try await boomi(.GET, "PublisherIntegrationPack/\(id)")
  }

  /// The `PublisherPackagedComponent` of a component in a pack.
  func packComponent(_ pack: String, _ component: String) async throws -> [String: Any] {
    let reply = try await publisherPack(pack)
    let list = reply.json["PublisherPackagedComponents"] as? [String: Any]
    let components = list?["PublisherPackagedComponent"] as? [[String: Any]] ?? []
    return components.first { $0["componentId"] as? String == component } ?? [:]
  }

  func setToday(_ date: String) async throws -> Reply {
    try await control(.POST, "clock", body: #"{"today":"\#(date)"}"#)
  }

  /// `GET /__emulator/state`'s releases.
  func releases() async throws -> [[String: Any]] {
    try await control(.GET, "state").json["releases"] as? [[String: Any]] ?? []
  }

  /// `GET /__emulator/requests`' entries.
  func requestLog() async throws -> [[String: Any]] {
    try await control(.GET, "requests").json["requests"] as? [[String: Any]] ?? []
  }
}

/// Runs `body` with an emulator reached over `transport` (in process unless the test needs a
/// socket), and always stops it.
func withEmulator<Value: Sendable>(
  over transport: Transport = .router, _ configure: @Sendable (inout EmulatorConfiguration) -> Void = { _ in },
  _ body: @Sendable (TestEmulator) async throws -> Value
) async throws -> Value {
  try await TestEmulator.with(transport, configure, body)
}

/// Every key path of a JSON value, such as `ReleasePackagedComponents.ReleasePackagedComponent[].componentId`:
/// two values have the same shape when their key paths are equal.
func keyPaths(_ value: Any, prefix: String = "") -> Set<String> {
  var paths: Set<String> = []
  if let object = value as? [String: Any] {
    for (key, child) in object {
      let path = prefix.isEmpty ? key : "\(prefix).\(key)"
      paths.insert(path)
      paths.formUnion(keyPaths(child, prefix: path))
    }
  } else if let array = value as? [Any] {
    for element in array { paths.formUnion(keyPaths(element, prefix: prefix + "[]")) }
  }
  return paths
}

/// A JSON text parsed, for comparing with a reply.
func parse(_ text: String) -> Any {
  (try? JSONSerialization.jsonObject(with: Data(text.utf8))) ?? [:]
}

/// Whether two JSON values are equal (object key order aside).
func jsonEqual(_ a: Any, _ b: Any) -> Bool {
  NSDictionary(dictionary: ["v": a]).isEqual(to: ["v": b])
}
