import AsyncHTTPClient
import BoomiEmulator
import Foundation
import NIOCore
import NIOHTTP1
import ReleaseCore
import Testing

/// Ids from the demo catalog that the tests use.
enum Demo {
  static let account = "acme-8Q78Q1"
  static let username = "release-bot@example.com"
  static let token = "4f1c0d9e-token"
  static let today = CalendarDate(year: 2026, month: 11, day: 23) ?? CalendarDate(year: 2000, month: 1, day: 1)

  static let ordersSync = "f0f7face-3a9d-48b1-8a32-82b84499cd4e"
  static let orderSyncProcess = "b420a8ab-8e4e-41b2-93ce-079093a03af2"
  static let orderMapping = "3e0d6a4c-5b7f-4c1e-9a2d-8f6b1c3d5e7a"
  static let billingExport = "9a7c3b1e-2d4f-4e6a-8b0c-1d2e3f4a5b6c"
  static let invoiceExport = "6c5b4a39-2817-4f6e-9d0c-b1a2c3d4e5f6"
  static let inventoryFeed = "4d3c2b1a-0f9e-4d8c-b7a6-958473625140"
  static let hrOnboarding = "7a8b9c0d-1e2f-4a3b-94c5-d6e7f8a9b0c1"
  static let onboardingOrchestration = "8c9d0e1f-2a3b-4c4d-95e6-f7a8b9c0d1e2"

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
  var headers: HTTPHeaders
  var text: String

  var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }

  var message: String { json["message"] as? String ?? "" }
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

/// An emulator on 127.0.0.1 with a free port and a manual clock, and an HTTP client for it.
struct TestEmulator: Sendable {
  let running: RunningEmulator
  let clock: ManualClock

  /// Starts one with the demo catalog, today 2026-11-23, no rate limit, a 200 ms release delay
  /// on a clock that moves only when the test moves it; `configure` may change any of that.
  static func start(
    _ configure: @Sendable (inout EmulatorConfiguration) -> Void = { _ in }
  ) async throws -> TestEmulator {
    let clock = ManualClock()
    var configuration = EmulatorConfiguration(
      account: Demo.account, username: Demo.username, token: Demo.token, rateLimit: 0,
      releaseDelay: .milliseconds(200), today: Demo.today, clock: clock.clock)
    configure(&configuration)
    return TestEmulator(running: try await Emulator.start(configuration), clock: clock)
  }

  func shutdown() async {
    await running.shutdown()
  }

  var accountURL: String { "\(running.baseURL)/\(Demo.account)" }

  /// A request to a Boomi endpoint, `path` relative to `/api/rest/v1/{account}/`.
  func boomi(
    _ method: HTTPMethod, _ path: String, body: String? = nil, auth: Auth = .token,
    accept: String? = "application/json", contentType: String? = "application/json",
    client: HTTPClient = .shared
  ) async throws -> Reply {
    try await send(
      method, "\(accountURL)/\(path)", body: body, auth: auth, accept: accept,
      contentType: body == nil ? nil : contentType, client: client)
  }

  /// A request to a control endpoint, `path` relative to `/__emulator/`.
  func control(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> Reply {
    try await send(
      method, "\(running.rootURL)/__emulator/\(path)", body: body, auth: .none, accept: nil,
      contentType: "application/json", client: .shared)
  }

  func send(
    _ method: HTTPMethod, _ url: String, body: String?, auth: Auth, accept: String?, contentType: String?,
    client: HTTPClient
  ) async throws -> Reply {
    try await Self.sendRaw(
      method, url, body: body, auth: auth, accept: accept, contentType: contentType, client: client)
  }

  /// One request to any URL.
  static func sendRaw(
    _ method: HTTPMethod, _ url: String, body: String? = nil, auth: Auth = .token,
    accept: String? = "application/json", contentType: String? = "application/json", client: HTTPClient = .shared
  ) async throws -> Reply {
    var request = HTTPClientRequest(url: url)
    request.method = method
    if let header = auth.header { request.headers.add(name: "Authorization", value: header) }
    if let accept { request.headers.add(name: "Accept", value: accept) }
    if let body {
      if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
      request.body = .bytes(ByteBuffer(string: body))
    }
    let response = try await client.execute(request, timeout: .seconds(30))
    let bytes = try await response.body.collect(upTo: 16 << 20)
    return Reply(status: Int(response.status.code), headers: response.headers, text: String(buffer: bytes))
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

/// Runs `body` with a started emulator and always shuts it down.
func withEmulator(
  _ configure: @Sendable (inout EmulatorConfiguration) -> Void = { _ in },
  _ body: (TestEmulator) async throws -> Void
) async throws {
  let emulator = try await TestEmulator.start(configure)
  do {
    try await body(emulator)
  } catch {
    await emulator.shutdown()
    throw error
  }
  await emulator.shutdown()
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
