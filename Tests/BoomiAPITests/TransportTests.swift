import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import Synchronization
import TestSupport
import Testing

@testable import BoomiAPI

#if canImport(Glibc)
  import Glibc
#endif

/// A bare HTTP/1.1 server on a socket, to make the network misbehave exactly as a test needs.
/// Each request, by arrival order, gets one scripted behaviour.
final class RawHTTPServer: Sendable {
  enum Behaviour: Sendable {
    /// Answer with this status and body and keep the connection open.
    case respond(Int, String)
    /// The same, after this many milliseconds.
    case respondAfter(milliseconds: Int, Int, String)
    /// Read the whole request, then close the connection without a byte of response.
    case closeAfterReading
    /// Read the whole request and never answer (until the server stops).
    case hang
  }

  let port: Int
  private let listener: Int32
  private let behaviours: [Behaviour]
  /// Written on every connection as soon as it is accepted, which is then closed (a server that
  /// speaks another protocol than the client); `nil` to serve requests.
  private let greeting: String?
  private let counts = Mutex((requests: 0, connections: 0))
  private let stopped = Mutex(false)

  var requestCount: Int { counts.withLock { $0.requests } }
  var connectionCount: Int { counts.withLock { $0.connections } }

  init(_ behaviours: [Behaviour], greeting: String? = nil) throws {
    self.behaviours = behaviours
    self.greeting = greeting
    let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketDescriptor >= 0 else { throw HarnessError("socket") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(socketDescriptor, 16) == 0 else { throw HarnessError("bind/listen") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
    }
    port = Int(UInt16(bigEndian: address.sin_port))
    listener = socketDescriptor
    Thread.detachNewThread { [self] in acceptLoop() }
  }

  func stop() {
    stopped.withLock { $0 = true }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
  }

  private func acceptLoop() {
    while !stopped.withLock({ $0 }) {
      let connection = accept(listener, nil, nil)
      guard connection >= 0 else { return }
      counts.withLock { $0.connections += 1 }
      Thread.detachNewThread { [self] in serve(connection) }
    }
  }

  private func serve(_ connection: Int32) {
    defer { close(connection) }
    if let greeting {
      let bytes = Array(greeting.utf8)
      _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      return
    }
    var buffer: [UInt8] = []
    while true {
      guard let request = readRequest(connection, &buffer) else { return }
      _ = request
      let index = counts.withLock { state -> Int in
        state.requests += 1
        return state.requests - 1
      }
      var behaviour = index < behaviours.count ? behaviours[index] : .closeAfterReading
      if case .respondAfter(let milliseconds, let status, let body) = behaviour {
        usleep(useconds_t(milliseconds * 1000))
        behaviour = .respond(status, body)
      }
      switch behaviour {
      case .respondAfter: return
      case .respond(let status, let body):
        let text =
          "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
          + "Connection: keep-alive\r\n\r\n\(body)"
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      case .closeAfterReading:
        return
      case .hang:
        while !stopped.withLock({ $0 }) { usleep(20_000) }
        return
      }
    }
  }

  /// One whole request (head and Content-Length body), or nil when the peer closed.
  private func readRequest(_ connection: Int32, _ buffer: inout [UInt8]) -> [UInt8]? {
    let separator: [UInt8] = Array("\r\n\r\n".utf8)
    while true {
      if let end = buffer.firstRange(of: separator) {
        let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self).lowercased()
        let length =
          head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
          .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        if buffer.count >= end.upperBound + length {
          let request = Array(buffer[..<(end.upperBound + length)])
          buffer.removeFirst(end.upperBound + length)
          return request
        }
      }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { return nil }
      buffer += chunk[0..<count]
    }
  }
}

struct HarnessError: Error {
  var description: String
  init(_ description: String) { self.description = description }
}

private func liveClient(port: Int, transport: AsyncHTTPTransport, scheme: String = "http") throws -> PlatformClient {
  let configuration = try ClientConfiguration(
    baseURL: "\(scheme)://127.0.0.1:\(port)/api/rest/v1", accountID: testAccount,
    credentials: Credentials(username: "ci", secret: .apiToken(testToken)), requestsPerSecond: 10,
    retry: RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(1), maximumDelay: .milliseconds(5)))
  return PlatformClient(configuration: configuration, transport: transport.transport)
}

@Suite("AsyncHTTPClient transport", .serialized)
struct TransportTests {
  @Test("a CREATE processed and then dropped on a reused keep-alive connection is reported ambiguous and not re-sent")
  func droppedOnReusedConnection() async throws {
    let server = try RawHTTPServer([.respond(200, createdJSON), .closeAfterReading, .respond(200, createdJSON)])
    defer { server.stop() }
    let transport = AsyncHTTPTransport(requestTimeout: .seconds(10))
    let client = try liveClient(port: server.port, transport: transport)
    let first = try await client.createRelease(sampleRelease)
    #expect(first.requestId != nil)
    do {
      _ = try await client.createRelease(sampleRelease)
      Issue.record("the dropped CREATE must not succeed")
    } catch {
      guard case .ambiguous = error else {
        Issue.record("expected ambiguous, got \(error)")
        return
      }
    }
    await transport.shutdown()
    // Two requests reached the server over one connection: the second was not sent again.
    #expect(server.requestCount == 2)
    #expect(server.connectionCount == 1)
  }

  @Test("a CREATE that gets no answer before the timeout is ambiguous and sent once")
  func readTimeout() async throws {
    let server = try RawHTTPServer([.hang])
    defer { server.stop() }
    let transport = AsyncHTTPTransport(requestTimeout: .seconds(1))
    let client = try liveClient(port: server.port, transport: transport)
    do {
      _ = try await client.createRelease(sampleRelease)
      Issue.record("expected a failure")
    } catch {
      guard case .ambiguous = error else {
        Issue.record("expected ambiguous, got \(error)")
        return
      }
    }
    await transport.shutdown()
    #expect(server.requestCount == 1)
  }

  @Test("a timeout keeps its fraction of a second: 700 ms waits for an answer that takes 100 ms")
  func subSecondTimeout() async throws {
    let answer = #"{"@type":"ReleaseIntegrationPack","requestId":"release-1","releaseStatusUrl":"https://x/release-1"}"#
    let server = try RawHTTPServer([.respondAfter(milliseconds: 100, 200, answer)])
    defer { server.stop() }
    let transport = AsyncHTTPTransport(requestTimeout: .milliseconds(700))
    let client = try liveClient(port: server.port, transport: transport)
    let accepted: AcceptedRelease
    do {
      accepted = try await client.createRelease(sampleRelease)
    } catch {
      await transport.shutdown()
      throw error
    }
    await transport.shutdown()
    #expect(accepted.requestId == "release-1")
  }

  @Test("a refused connection is 'not processed', retried, and never reaches a server")
  func connectionRefused() async throws {
    let server = try RawHTTPServer([])
    let port = server.port
    server.stop()
    let transport = AsyncHTTPTransport(connectTimeout: .seconds(2), requestTimeout: .seconds(5))
    let client = try liveClient(port: port, transport: transport)
    do {
      _ = try await client.createRelease(sampleRelease)
      Issue.record("expected a failure")
    } catch {
      guard case .notProcessed = error else {
        Issue.record("expected not processed, got \(error)")
        return
      }
    }
    await transport.shutdown()
  }

  @Test("a CREATE whose TLS handshake fails was never sent: it is retried, and reported as not processed")
  func failedHandshake() async throws {
    // A plain HTTP server: it answers the TLS ClientHello with an HTTP error and hangs up.
    let server = try RawHTTPServer([], greeting: "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")
    defer { server.stop() }
    let transport = AsyncHTTPTransport(connectTimeout: .seconds(1), requestTimeout: .seconds(1))
    let client = try liveClient(port: server.port, transport: transport, scheme: "https")
    let error = await #expect(throws: PlatformError.self) {
      _ = try await client.createRelease(sampleRelease)
    }
    await transport.shutdown()
    #expect(error?.certainlyNotProcessed == true, "\(String(describing: error))")
    guard case .notProcessed? = error else {
      Issue.record("expected not processed, got \(String(describing: error))")
      return
    }
    // AsyncHTTPClient tries to connect again until each attempt's deadline; the client retries.
    #expect(server.connectionCount >= 3)
  }

  @Test("transport errors are classified by whether the request could have left")
  func classification() {
    #expect(
      AsyncHTTPTransport.classify(IOError(errnoCode: ECONNREFUSED, reason: "connect"))
        == .notSent("could not connect: \(IOError(errnoCode: ECONNREFUSED, reason: "connect"))"))
    for error: any Error in [
      HTTPClientError.connectTimeout, NIOSSLError.handshakeFailed(.sslError([])),
      NIOSSLError.unableToValidateCertificate,
      NIOSSLExtraError.failedToValidateHostname,
    ] {
      if case .notSent = AsyncHTTPTransport.classify(error) {} else { Issue.record("\(error) is before sending") }
    }
    for error: any Error in [
      HTTPClientError.readTimeout, HTTPClientError.remoteConnectionClosed, HTTPClientError.deadlineExceeded,
      IOError(errnoCode: ECONNRESET, reason: "read"), NIOSSLError.uncleanShutdown, HarnessError("anything else"),
    ] {
      if case .noResponse = AsyncHTTPTransport.classify(error) {} else { Issue.record("\(error) must be ambiguous") }
    }
  }
}
