import Foundation
import Synchronization
import TestSupport
import Testing

@testable import BoomiAPI

private let busy = json(
  503,
  #"{"message": "The Boomi server is currently unavailable or your account's rate limits have been exceeded. Retry later."}"#
)

@Suite("Platform client")
struct PlatformClientTests {
  @Test("every call carries Accept and Content-Type JSON and the API-token form of Basic auth")
  func headersTokenForm() async throws {
    let server = ScriptedServer([json(200, createdJSON)])
    _ = try await makeClient(server).createRelease(sampleRelease)
    let request = try #require(server.requests.first)
    #expect(request.body == sampleRelease.bytes, "the bytes sent are the bytes encoded once")
    #expect(request.method == "POST")
    #expect(request.url == "https://api.boomi.com/api/rest/v1/acme-8Q78Q1/ReleaseIntegrationPack")
    #expect(request.header("Accept") == "application/json")
    #expect(request.header("Content-Type") == "application/json")
    let encoded = try #require(request.header("Authorization")?.split(separator: " ").last)
    let decoded = String(decoding: try #require(Data(base64Encoded: String(encoded))), as: UTF8.self)
    #expect(decoded == "BOOMI_TOKEN.ci@acme.example:\(testToken)")
  }

  @Test("the password form of Basic auth is user:password")
  func headersPasswordForm() async throws {
    let server = ScriptedServer([json(200, createdJSON)])
    _ = try await makeClient(server, secret: .password("hunter2")).createRelease(sampleRelease)
    let encoded = try #require(server.requests.first?.header("Authorization")?.split(separator: " ").last)
    #expect(
      String(decoding: try #require(Data(base64Encoded: String(encoded))), as: UTF8.self) == "ci@acme.example:hunter2")
  }

  @Test("UPDATE posts to ReleaseIntegrationPack/{packId}")
  func updatePath() async throws {
    let server = ScriptedServer([json(200, createdJSON)])
    _ = try await makeClient(server).updateRelease(packId: sampleRequest.id, sampleRelease)
    #expect(
      server.requests.first?.url.hasSuffix("/ReleaseIntegrationPack/f0f7face-3a9d-48b1-8a32-82b84499cd4e") == true)
  }

  @Test("a 503 is retried after backoff and the CREATE then succeeds, sent twice in all")
  func retriesBusy() async throws {
    let clock = TestClock()
    let server = ScriptedServer([busy, json(200, createdJSON)])
    let response = try await makeClient(server, clock: clock).createRelease(sampleRelease)
    #expect(response.requestId == "release-11031691-dc62-4280-a3b2-dcf7f3521f8a")
    #expect(server.requests.count == 2)
    #expect(clock.sleeps.contains(.milliseconds(500)), "\(clock.sleeps)")
  }

  @Test("Retry-After is honoured instead of the backoff")
  func retryAfter() async throws {
    let clock = TestClock()
    let server = ScriptedServer([
      json(503, #"{"message":"busy"}"#, headers: [("Retry-After", "7")]), json(200, createdJSON),
    ])
    _ = try await makeClient(server, clock: clock).createRelease(sampleRelease)
    #expect(clock.sleeps.contains(.seconds(7)), "\(clock.sleeps)")
  }

  @Test("backoff doubles up to its bound, and a CREATE that is never processed fails as not processed")
  func exhaustedRetries() async throws {
    let clock = TestClock()
    let server = ScriptedServer([], otherwise: busy)
    await #expect(
      throws: PlatformError.notProcessed(
        status: 503,
        message:
          "The Boomi server is currently unavailable or your account's rate limits have been exceeded. Retry later.")
    ) {
      _ = try await makeClient(server, clock: clock).createRelease(sampleRelease)
    }
    #expect(server.requests.count == RetryPolicy.standard.maximumAttempts)
    let backoffs = clock.sleeps.filter { $0 >= .milliseconds(500) }
    #expect(backoffs == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8)])
  }

  @Test("a CREATE that timed out after it was sent is never sent again: the outcome is ambiguous")
  func createTimeoutIsAmbiguous() async throws {
    let server = ScriptedServer([.fail(.noResponse("read timeout")), json(200, createdJSON)])
    await #expect(throws: PlatformError.ambiguous("read timeout")) {
      _ = try await makeClient(server).createRelease(sampleRelease)
    }
    #expect(server.requests.count == 1)
  }

  @Test("a CREATE answered 500, 502 or 504 is ambiguous and sent once", arguments: [500, 502, 504])
  func createServerErrorIsAmbiguous(_ status: Int) async throws {
    let server = ScriptedServer([json(status, #"{"message":"gateway"}"#), json(200, createdJSON)])
    await #expect(throws: PlatformError.ambiguous("HTTP \(status): gateway")) {
      _ = try await makeClient(server).createRelease(sampleRelease)
    }
    #expect(server.requests.count == 1)
  }

  @Test("a CREATE that could not connect is retried: it was never sent")
  func createNotSentIsRetried() async throws {
    let server = ScriptedServer([.fail(.notSent("connection refused")), json(200, createdJSON)])
    let response = try await makeClient(server).createRelease(sampleRelease)
    #expect(response.requestId != nil)
    #expect(server.requests.count == 2)
  }

  @Test("a CREATE accepted without a requestId is ambiguous: the release may exist")
  func acceptedWithoutHandle() async throws {
    let server = ScriptedServer([json(200, #"{"@type":"ReleaseIntegrationPack","id":"x"}"#)])
    await #expect(throws: PlatformError.self) {
      _ = try await makeClient(server).createRelease(sampleRelease)
    }
    do {
      _ = try await makeClient(ScriptedServer([json(200, "not json")])).createRelease(sampleRelease)
      Issue.record("expected a failure")
    } catch let error as PlatformError {
      guard case .ambiguous = error else {
        Issue.record("expected ambiguous, got \(error)")
        return
      }
    }
  }

  @Test("a 400 is a refusal carrying Boomi's message, and is not retried")
  func rejected() async throws {
    let server = ScriptedServer([json(400, #"{"@type":"Error","message":"Version 9.9 is not shareable."}"#)])
    await #expect(throws: PlatformError.rejected(status: 400, message: "Version 9.9 is not shareable.")) {
      _ = try await makeClient(server).createRelease(sampleRelease)
    }
    #expect(server.requests.count == 1)
  }

  @Test("a read that timed out is retried: reads are safe to repeat")
  func readsRetryAmbiguous() async throws {
    let status =
      #"{"@type":"ReleaseIntegrationPackStatus","responseStatusCode":202,"requestId":"release-1","releaseStatus":"IN_PROGRESS"}"#
    let server = ScriptedServer([.fail(.noResponse("reset")), json(502, "{}"), json(202, status)])
    let result = try await makeClient(server).releaseStatus(requestId: "release-1")
    #expect(result.releaseStatus == "IN_PROGRESS")
    #expect(server.requests.count == 3)
    #expect(
      server.requests.allSatisfy { $0.method == "GET" && $0.url.hasSuffix("/ReleaseIntegrationPackStatus/release-1") })
  }

  @Test("bulk status reads go in chunks of 100 and every id asked for gets an answer")
  func bulkChunking() async throws {
    let ids = (0..<250).map { "release-\($0)" }
    func page(_ range: Range<Int>, missing: Set<Int> = []) -> ScriptedServer.Reply {
      let items = range.filter { !missing.contains($0) }.map { index in
        index == 7
          ? #"{"@type":"BulkResponse","id":"release-7","statusCode":400,"errorMessage":"Unknown request id"}"#
          : #"{"@type":"BulkResponse","id":"release-\#(index)","statusCode":200,"Result":{"requestId":"release-\#(index)","releaseStatus":"SUCCESS","responseStatusCode":200}}"#
      }
      return json(200, #"{"@type":"BulkResult","response":[\#(items.joined(separator: ","))]}"#)
    }
    let server = ScriptedServer([page(0..<100), page(100..<200), page(200..<250, missing: [249])])
    let results = try await makeClient(server).releaseStatuses(requestIds: ids)
    let bodies = try server.requests.map { request in
      try #require(try JSONSerialization.jsonObject(with: Data(request.body ?? [])) as? [String: Any])
    }
    #expect(bodies.map { ($0["request"] as? [Any])?.count } == [100, 100, 50])
    #expect(bodies.allSatisfy { $0["type"] as? String == "GET" })
    #expect(results.count == 250)
    #expect(results["release-7"] == .failed(statusCode: 400, message: "Unknown request id"))
    #expect(results["release-249"] == .failed(statusCode: nil, message: "Boomi's bulk answer left this id out"))
    guard case .found(let status) = results["release-200"] else {
      Issue.record("release-200 missing")
      return
    }
    #expect(status.releaseStatus == "SUCCESS")
  }

  @Test("queryMore is called with the raw token as text until no token is left")
  func queryMorePaging() async throws {
    let token = "EXAMPLE/token+with=chars"
    let server = ScriptedServer([
      json(
        200,
        #"{"@type":"QueryResult","numberOfResults":3,"queryToken":"\#(token)","result":[{"packageId":"p1","componentId":"c","packageVersion":"1.0","shareable":true},{"packageId":"p2","componentId":"c","packageVersion":"1.1","shareable":true}]}"#
      ),
      json(
        200,
        #"{"@type":"QueryResult","numberOfResults":3,"result":[{"packageId":"p3","componentId":"c","packageVersion":"2.0","shareable":false}]}"#
      ),
    ])
    let components = try await makeClient(server).queryPackagedComponents(.equals("componentId", "c"))
    #expect(components.map(\.packageId) == ["p1", "p2", "p3"])
    #expect(server.requests.count == 2)
    let more = try #require(server.requests.last)
    #expect(more.url.hasSuffix("/PackagedComponent/queryMore"))
    #expect(more.header("Content-Type") == "text/plain")
    #expect(more.body == Array(token.utf8))
  }

  @Test("a query whose token never changes stops instead of looping forever")
  func queryLoopGuard() async throws {
    let page = json(200, #"{"@type":"QueryResult","queryToken":"same","result":[]}"#)
    let server = ScriptedServer([page, page, page])
    await #expect(throws: PlatformError.self) {
      _ = try await makeClient(server).queryPublisherIntegrationPacks()
    }
    #expect(server.requests.count == 2)
  }

  @Test("the rate limiter spaces requests evenly: 5 per second means one every 200 ms")
  func rateLimiterPacing() async throws {
    let clock = TestClock()
    let limiter = RateLimiter(requestsPerSecond: 5, time: MonotonicTime(clock))
    for _ in 0..<6 { try await limiter.acquire() }
    #expect(clock.sleeps == Array(repeating: .milliseconds(200), count: 5))
    #expect(clock.now.offset == .seconds(1))
  }

  @Test("the rate limiter is shared: concurrent callers get distinct slots")
  func rateLimiterShared() async throws {
    let clock = TestClock()
    let limiter = RateLimiter(requestsPerSecond: 10, time: MonotonicTime(clock))
    await withTaskGroup(of: Void.self) { group in
      for _ in 0..<20 { group.addTask { try? await limiter.acquire() } }
    }
    // 20 requests at 10/s: the last slot starts 1.9 s after the first.
    #expect(clock.sleeps.reduce(.zero, +) >= .seconds(1.9) || clock.now.offset >= .seconds(1.9))
  }
}

@Suite("Secrets stay secret")
struct RedactionTests {
  @Test("verbose logs mask Authorization and never contain the token")
  func logsAreMasked() async throws {
    let lines = Mutex<[String]>([])
    let server = ScriptedServer([busy, json(200, createdJSON)])
    _ = try await makeClient(server, log: { line in lines.withLock { $0.append(line) } }).createRelease(sampleRelease)
    let log = lines.withLock { $0.joined(separator: "\n") }
    #expect(log.contains("Authorization: Basic ****"))
    #expect(!log.contains(testToken))
    let header = try #require(server.requests.first?.header("Authorization"))
    #expect(!log.contains(header))
  }

  @Test("a server that echoes the token back cannot put it in an error message")
  func errorsAreRedacted() async throws {
    let server = ScriptedServer([json(401, #"{"message":"bad credentials BOOMI_TOKEN.ci@acme.example:\#(testToken)"}"#)]
    )
    do {
      _ = try await makeClient(server).createRelease(sampleRelease)
      Issue.record("expected a failure")
    } catch let error as PlatformError {
      #expect(!error.description.contains(testToken))
      #expect(error.description.contains("****"))
    }
  }

  /// How a gateway might echo the Authorization header the client sent.
  static let pair = "BOOMI_TOKEN.ci@acme.example:\(testToken)"
  static let base64Pair = Data(pair.utf8).base64EncodedString()

  @Test(
    "a 200 whose body is Boomi's error echoing the credential leaves no form of it in the error",
    arguments: [
      "Authorization: Basic \(base64Pair)", "authorization: basic \(base64Pair)", base64Pair, pair,
      testToken.uppercased(), testToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
      // JSON may spell the same characters with escapes: "\/" and "\u002B" in base64, any \u in the token.
      base64Pair.replacingOccurrences(of: "/", with: "\\/").replacingOccurrences(of: "+", with: "\\u002B"),
      testToken.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined(),
    ])
  func typedErrorEcho(echo: String) async throws {
    let server = ScriptedServer([json(200, #"{"@type":"Error","message":"gateway says: \#(echo)"}"#)])
    let error = await #expect(throws: PlatformError.self) {
      _ = try await makeClient(server).createRelease(sampleRelease)
    }
    let text = try #require(error).description
    #expect(text.contains("****"), "\(text)")
    for secret in [testToken, String(testToken.prefix(8)), String(Self.base64Pair.suffix(12))] {
      #expect(!text.lowercased().contains(secret.lowercased()), "\(text)")
    }
  }

  @Test("a message cut at 300 characters in the middle of the secret shows none of it")
  func truncatedMessage() async throws {
    for padding in [280, 285, 290, 295] {
      let message = String(repeating: "x", count: padding) + " " + Self.base64Pair
      let server = ScriptedServer([.respond(HTTPResponse(status: 400, body: Array(message.utf8)))])
      let error = await #expect(throws: PlatformError.self) {
        _ = try await makeClient(server).createRelease(sampleRelease)
      }
      let text = try #require(error).description
      #expect(!text.contains(String(Self.base64Pair.dropFirst(28).prefix(8))), "\(text)")
    }
  }

  @Test("a bulk status errorMessage that echoes the credential is masked")
  func bulkErrorMessage() async throws {
    let body =
      #"{"@type":"BulkResult","response":[{"index":0,"id":"release-1","statusCode":500,"errorMessage":"denied for Basic \#(Self.base64Pair)"}]}"#
    let server = ScriptedServer([json(200, body)])
    let results = try await makeClient(server).releaseStatuses(requestIds: ["release-1"])
    guard case .failed(_, let message)? = results["release-1"] else {
      Issue.record("expected a failed item: \(results)")
      return
    }
    #expect(message == "denied for Basic ****")
  }

  @Test("control characters in Boomi's messages arrive as one line, with visible stand-ins")
  func controlCharacters() async throws {
    let server = ScriptedServer([json(400, #"{"@type":"Error","message":"bad\nrequest\u001b]0;owned\u0007 ##[x"}"#)])
    let error = await #expect(throws: PlatformError.self) {
      _ = try await makeClient(server).createRelease(sampleRelease)
    }
    #expect(error == .rejected(status: 400, message: "bad request␛]0;owned␇ ##[x"))
  }

  @Test(
    "a CREATE answered with a requestId that is not a usable handle has an unknown outcome",
    arguments: [#"release-1\n::error::x"#, "release 1", String(repeating: "r", count: 300), "release-✓"])
  func unusableRequestId(requestId: String) async throws {
    let server = ScriptedServer([json(200, #"{"@type":"ReleaseIntegrationPack","requestId":"\#(requestId)"}"#)])
    let error = await #expect(throws: PlatformError.self) {
      _ = try await makeClient(server).createRelease(sampleRelease)
    }
    #expect(error?.certainlyNotProcessed == false)
  }

  @Test("a transport failure's words are cleaned too")
  func transportFailure() async throws {
    let server = ScriptedServer([.fail(.noResponse("reset while sending \(Self.pair)\n::error::x"))])
    let error = await #expect(throws: PlatformError.self) {
      _ = try await makeClient(server).createRelease(sampleRelease)
    }
    #expect(error == .ambiguous("reset while sending **** ::error::x"))
  }

  @Test("credentials print without their secret")
  func credentialsDescription() throws {
    let credentials = Credentials(username: "ci", secret: .apiToken(testToken))
    #expect(!"\(credentials)".contains(testToken))
    #expect(!String(reflecting: credentials).contains(testToken))
  }

  @Test("missing credentials name the variables, never a value")
  func missingCredentials() {
    #expect(throws: ConfigurationError.self) { try Credentials.fromEnvironment(["BOOMI_API_TOKEN": testToken]) }
    do {
      _ = try Credentials.fromEnvironment(["BOOMI_USERNAME": "ci"])
    } catch {
      #expect(error.description.contains("BOOMI_API_TOKEN"))
    }
    #expect(throws: Never.self) {
      let credentials = try Credentials.fromEnvironment(["BOOMI_USERNAME": "ci", "BOOMI_PASSWORD": "pw"])
      #expect(credentials.secret == .password("pw"))
    }
  }
}

@Suite("Client configuration")
struct ClientConfigurationTests {
  let credentials = Credentials(username: "ci", secret: .apiToken("t"))

  @Test("HTTPS is required except for loopback addresses")
  func schemes() {
    #expect(throws: Never.self) { try ClientConfiguration(accountID: "a", credentials: credentials) }
    for base in ["http://127.0.0.1:8080/api/rest/v1", "http://localhost:1/api", "http://[::1]:9/api"] {
      #expect(throws: Never.self) { try ClientConfiguration(baseURL: base, accountID: "a", credentials: credentials) }
    }
    for base in ["http://api.boomi.com/api/rest/v1", "ftp://x/y", "not a url"] {
      #expect(throws: ConfigurationError.self) {
        try ClientConfiguration(baseURL: base, accountID: "a", credentials: credentials)
      }
    }
  }

  @Test(
    "plain http is allowed to loopback addresses only, judged from the parsed address",
    arguments: [
      ("http://127.0.0.1:8080/api", true), ("http://127.1.2.3/api", true), ("http://[::1]:9/api", true),
      ("http://localhost:1/api", true), ("http://[::ffff:127.0.0.1]/api", true),
      ("http://127.evil.example/api", false), ("http://127.0.0.1.nip.io/api", false), ("http://127.1/api", false),
      ("http://0x7f.0.0.1/api", false), ("http://localhost.evil.example/api", false), ("http://10.0.0.1/api", false),
      ("http://[::2]/api", false), ("http://[::ffff:10.0.0.1]/api", false),
    ])
  func loopback(url: String, allowed: Bool) {
    let result = Result { try ClientConfiguration(baseURL: url, accountID: "a", credentials: credentials) }
    #expect(((try? result.get()) != nil) == allowed, "\(url)")
  }

  @Test("a base URL with a user name or password is refused, and the message does not show them")
  func userInformation() {
    let error = #expect(throws: ConfigurationError.self) {
      try ClientConfiguration(
        baseURL: "http://bob:pa55word-xyz@127.0.0.1:8080/api/rest/v1", accountID: "a", credentials: credentials)
    }
    #expect(
      error?.description.contains("http://****@127.0.0.1:8080/api/rest/v1") == true, "\(String(describing: error))")
    #expect(error?.description.contains("pa55word") == false)
    #expect(error?.description.contains("bob") == false)
    #expect(URLText.hidingUserInfo("https://tok@example.com/x@y") == "https://****@example.com/x@y")
    #expect(URLText.hidingUserInfo("https://example.com/a@b") == "https://example.com/a@b")
  }

  @Test("the rate is capped at Boomi's 10 requests per second")
  func rateCap() {
    #expect(throws: ConfigurationError.self) {
      try ClientConfiguration(accountID: "a", credentials: credentials, requestsPerSecond: 11)
    }
  }

  @Test("an account id that would change the URL's path is refused")
  func accountID() {
    #expect(throws: ConfigurationError.self) { try ClientConfiguration(accountID: "a/../b", credentials: credentials) }
  }

  @Test("path segments are percent-encoded")
  func encoding() throws {
    let configuration = try ClientConfiguration(accountID: "acme", credentials: credentials)
    #expect(
      configuration.url("ReleaseIntegrationPackStatus", "a/b c").hasSuffix(
        "/acme/ReleaseIntegrationPackStatus/a%2Fb%20c"))
  }
}
