import AsyncHTTPClient
import EmulatorFixtures
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// Authentication, the account in the path, the rate limit and every injected fault. Drops and
/// timeouts are made in the HTTP pipeline, so their tests run over a socket.
@Suite("Auth, rate limit and faults")
struct TrafficTests {
  static let busy =
    "The Boomi server is currently unavailable or your account's rate limits have been exceeded. Retry later."

  @Test("the API-token form BOOMI_TOKEN.<user>:<token> is accepted")
  func tokenForm() async throws {
    try await withEmulator { emulator in
      let reply = try await emulator.publisherPack(Demo.ordersSync)
      #expect(reply.status == 200)
    }
  }

  @Test("the password form <user>:<password> is accepted only when a password is configured")
  func passwordForm() async throws {
    try await withEmulator { emulator in
      let reply = try await emulator.boomi(.GET, "PublisherIntegrationPack/\(Demo.ordersSync)", auth: .password("pw"))
      #expect(reply.status == 401)
    }
    try await withEmulator({ $0.password = "s3cret" }) { emulator in
      let good = try await emulator.boomi(
        .GET, "PublisherIntegrationPack/\(Demo.ordersSync)", auth: .password("s3cret"))
      #expect(good.status == 200)
      let bad = try await emulator.boomi(.GET, "PublisherIntegrationPack/\(Demo.ordersSync)", auth: .password("nope"))
      #expect(bad.status == 401)
    }
  }

  @Test("bad or missing credentials are answered 401 with {\"message\"} and not processed")
  func unauthorized() async throws {
    try await withEmulator { emulator in
      let attempts: [Auth] = [
        .none, .basic("BOOMI_TOKEN.\(Demo.username):wrong"), .basic("BOOMI_TOKEN.someone-else:\(Demo.token)"),
        .basic("\(Demo.username):\(Demo.token)"), .basic("no-colon-at-all"),
      ]
      for auth in attempts {
        let reply = try await emulator.boomi(.POST, "ReleaseIntegrationPack", body: Demo.release(), auth: auth)
        #expect(reply.status == 401)
        #expect(!reply.message.isEmpty)
        #expect(reply.json["@type"] == nil)
        #expect(!reply.text.contains(Demo.token))
      }
      #expect(try await emulator.releases().isEmpty)
      let log = try await emulator.requestLog()
      #expect(log.count == attempts.count)
      #expect(log.allSatisfy { $0["outcome"] as? String == "unauthorized" })
    }
  }

  @Test("another account in the path is answered 403 with Boomi's message")
  func forbidden() async throws {
    try await withEmulator { emulator in
      let reply = try await emulator.boomi(
        .GET, "PublisherIntegrationPack/\(Demo.ordersSync)", account: "someone-else-1234")
      #expect(reply.status == 403)
      #expect(reply.json.count == 1)
      #expect(reply.message == "Access denied due to insufficient permissions.")
    }
  }

  @Test("over the rate limit, requests get 503 with Boomi's exact message and are not processed")
  func rateLimit() async throws {
    try await withEmulator({ $0.rateLimit = 2 }) { emulator in
      #expect(try await emulator.publisherPack(Demo.ordersSync).status == 200)
      #expect(try await emulator.publisherPack(Demo.ordersSync).status == 200)
      let limited = try await emulator.create(Demo.release())
      #expect(limited.status == 503)
      #expect(limited.json.count == 1)
      #expect(limited.message == Self.busy)
      #expect(try await emulator.releases().isEmpty)
      // Control endpoints are not limited.
      for _ in 0..<5 { #expect(try await emulator.control(.GET, "state").status == 200) }
      #expect(try await emulator.requestLog().last?["outcome"] as? String == "rate-limited")

      // The bucket refills continuously: half a second gives one token back at 2/s.
      emulator.clock.advance(by: .milliseconds(500))
      #expect(try await emulator.create(Demo.release()).status == 200)
      #expect(try await emulator.publisherPack(Demo.ordersSync).status == 503)
    }
  }

  @Test("with a seed, the same requests meet the same injected 503s, which are not processed")
  func seededFail503() async throws {
    func pattern() async throws -> [Int] {
      try await withEmulator({
        $0.seed = 42
        $0.faults.fail503 = 0.5
      }) { emulator in
        var statuses: [Int] = []
        for _ in 0..<24 { statuses.append(try await emulator.publisherPack(Demo.ordersSync).status) }
        let log = try await emulator.requestLog()
        #expect(log.filter { $0["outcome"] as? String == "fault-503" }.count == statuses.filter { $0 == 503 }.count)
        return statuses
      }
    }
    let first = try await pattern()
    #expect(first.contains(503) && first.contains(200))
    #expect(Set(first).isSubset(of: [200, 503]))
    #expect(try await pattern() == first)

    try await withEmulator({ $0.faults.fail503 = 1 }) { emulator in
      let reply = try await emulator.create(Demo.release())
      #expect(reply.status == 503)
      #expect(reply.message == Self.busy)
      #expect(try await emulator.releases().isEmpty)
    }
  }

  @Test("drop-after-commit closes a reused connection without a response byte, and the release exists")
  func dropAfterCommit() async throws {
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    do {
      try await withEmulator(over: .socketThrough(client), { $0.faults.dropAfterCommit = 1 }) { emulator in
        // A GET first, so the CREATE goes out on a kept-alive connection; GETs are never dropped.
        #expect(
          try await emulator.boomi(.GET, "PublisherIntegrationPack/\(Demo.ordersSync)").status == 200)
        await #expect(throws: HTTPClientError.remoteConnectionClosed) {
          _ = try await emulator.boomi(.POST, "ReleaseIntegrationPack", body: Demo.release())
        }
        let releases = try await emulator.releases()
        #expect(releases.count == 1)
        #expect(releases.first?["packId"] as? String == Demo.ordersSync)
        let entry = try #require(try await emulator.requestLog().last)
        #expect(entry["outcome"] as? String == "dropped")
        #expect(entry["answered"] as? Bool == false)
        #expect(entry["status"] as? Int == 200)
        #expect((entry["requestId"] as? String) == (releases.first?["requestIds"] as? [String])?.first)
      }
    } catch {
      try await client.shutdown()
      throw error
    }
    try await client.shutdown()
  }

  @Test("a timed-out request is processed, held, then closed without a response")
  func timeout() async throws {
    try await withEmulator(
      over: .socket,
      {
        $0.faults.timeout = 1
        $0.faults.timeoutHoldMilliseconds = 200
      }
    ) { emulator in
      await #expect(throws: HTTPClientError.remoteConnectionClosed) {
        _ = try await emulator.create(Demo.release())
      }
      #expect(try await emulator.releases().count == 1)
      let entry = try #require(try await emulator.requestLog().last)
      #expect(entry["outcome"] as? String == "timed-out")
      #expect(entry["answered"] as? Bool == false)
    }
  }

  @Test("a timed-out request is in the state and the request log while it is still held")
  func timeoutLoggedBeforeHold() async throws {
    try await withEmulator(
      over: .socket,
      {
        $0.faults.timeout = 1
        $0.faults.timeoutHoldMilliseconds = 10_000
      }
    ) { emulator in
      let held = Task { try? await emulator.create(Demo.release()) }
      defer { held.cancel() }
      var entry: [String: Any]?
      for _ in 0..<100 where entry == nil {
        try await Task.sleep(for: .milliseconds(20))
        entry = try await emulator.requestLog().last
      }
      let logged = try #require(entry, "nothing logged while the request was held")
      #expect(logged["outcome"] as? String == "timed-out")
      #expect(logged["requestId"] as? String != nil)
      #expect(try await emulator.releases().count == 1)
    }
  }

  @Test("faults can be changed at runtime through the control endpoint, and bad values are refused")
  func runtimeFaults() async throws {
    try await withEmulator { emulator in
      #expect(try await emulator.publisherPack(Demo.ordersSync).status == 200)
      let set = try await emulator.control(.POST, "faults", body: #"{"fail503":1,"latencyMs":5}"#)
      #expect(set.status == 200)
      #expect(set.json["fail503"] as? Double == 1)
      #expect(set.json["latencyMs"] as? Int == 5)
      #expect(try await emulator.publisherPack(Demo.ordersSync).status == 503)
      #expect(try await emulator.control(.POST, "faults", body: #"{"timeout":1.5}"#).status == 400)
      #expect(try await emulator.control(.POST, "faults", body: #"{"fail503":0}"#).status == 200)
      #expect(try await emulator.publisherPack(Demo.ordersSync).status == 200)
    }
  }

  @Test("the request log lists Boomi requests in order with method, path, status, outcome, requestId and body")
  func requestLog() async throws {
    try await withEmulator { emulator in
      let body = Demo.release()
      let id = try #require(try await emulator.create(body).json["requestId"] as? String)
      _ = try await emulator.status(id)
      _ = try await emulator.control(.GET, "state")
      let log = try await emulator.requestLog()
      try #require(log.count == 2)
      #expect(log[0]["method"] as? String == "POST")
      #expect(log[0]["path"] as? String == "/api/rest/v1/\(Demo.account)/ReleaseIntegrationPack")
      #expect(log[0]["status"] as? Int == 200)
      #expect(log[0]["outcome"] as? String == "processed")
      #expect(log[0]["requestId"] as? String == id)
      #expect(log[0]["body"] as? String == body)
      #expect(log[1]["status"] as? Int == 202)
      #expect((log[0]["sequence"] as? Int ?? 0) < (log[1]["sequence"] as? Int ?? 0))
      #expect(!(try await emulator.control(.GET, "requests")).text.contains(Demo.token))
    }
  }

  @Test("a path the router does not know is answered after the gate: 401 unauthenticated, else a 404 that says why")
  func unknownRoutes() async throws {
    try await withEmulator { emulator in
      let cases: [(HTTPMethod, String, String)] = [
        (.GET, "/api/rest/v1/\(Demo.account)/Atom/123", "The emulator has no endpoint /api/rest/v1/"),
        (.GET, "/api/rest/v1/\(Demo.account)/ReleaseIntegrationPack", "does not emulate GET on"),
        (.POST, "/api/rest/v1/\(Demo.account)/PublisherIntegrationPack/\(Demo.ordersSync)", "does not emulate POST on"),
        (.GET, "/api/rest/v1/\(Demo.account)/ReleaseIntegrationPackStatus/bulk", "does not emulate GET on"),
        (.GET, "/api/rest/v1/\(Demo.account)/PublisherIntegrationPack/query", "does not emulate GET on"),
        (.GET, "/api/rest/v1/\(Demo.account)/PackagedComponent/queryMore", "does not emulate GET on"),
        (.GET, "/api/rest/v1/\(Demo.account)/ReleaseIntegrationPack/a/b", "does not emulate GET on"),
        (.GET, "/somewhere/else", "No Boomi Platform API endpoint at /somewhere/else"),
      ]
      for (method, path, words) in cases {
        #expect(try await emulator.request(method, path, auth: .none).status == 401, "\(method) \(path)")
        let reply = try await emulator.request(method, path)
        #expect(reply.status == 404, "\(method) \(path)")
        #expect(reply.json["@type"] as? String == "Error")
        #expect(reply.message.contains(words), "\(reply.message)")
      }
      #expect(try await emulator.requestLog().count == cases.count * 2, "the gate logs every request it sees")
    }
  }

  @Test("the control endpoints are outside the gate: an unknown one, or the wrong method, is a 404 listing them")
  func unknownControlRoutes() async throws {
    try await withEmulator({ $0.faults.fail503 = 1 }) { emulator in
      for (method, path) in [
        (HTTPMethod.POST, "state"), (.GET, "reset"), (.GET, "nope"), (.DELETE, "faults/x"), (.GET, ""),
      ] {
        let reply = try await emulator.control(method, path)
        #expect(reply.status == 404, "\(method) \(path)")
        #expect(
          reply.message.contains("No control endpoint \(method.rawValue) /__emulator/\(path)"), "\(reply.message)")
        #expect(reply.message.contains("POST reset, GET state"))
      }
      #expect(try await emulator.requestLog().isEmpty)
    }
  }
}
