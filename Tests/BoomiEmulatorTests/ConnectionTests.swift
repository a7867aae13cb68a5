import BoomiEmulator
import EmulatorFixtures
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A raw TCP connection to the emulator, for what an HTTP client never does: connect and go quiet.
private final class RawConnection {
  let descriptor: Int32

  init(port: Int) throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EBADF) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      close(descriptor)
      throw POSIXError(.ECONNREFUSED)
    }
  }

  deinit { close(descriptor) }

  func send(_ text: String) {
    _ = text.withCString { Glibc.send(descriptor, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
  }

  /// Whether the server closed the connection within `seconds` (a read returns end of file).
  func closedByServer(within seconds: Double) -> Bool {
    var poll = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    guard Glibc.poll(&poll, 1, Int32(seconds * 1000)) == 1 else { return false }
    var byte: UInt8 = 0
    return recv(descriptor, &byte, 1, 0) <= 0
  }
}

@Suite("Connections")
struct ConnectionTests {
  @Test("a connection that never sends a request is closed after the idle timeout")
  func silentConnectionIsClosed() async throws {
    try await withEmulator(over: .socket, { $0.idleTimeout = .milliseconds(200) }) { emulator in
      let connection = try RawConnection(port: try #require(emulator.running).port)
      #expect(connection.closedByServer(within: 10), "the emulator kept a silent connection open")
    }
  }

  @Test("a connection that stops in the middle of a request is closed after the idle timeout")
  func stalledRequestIsClosed() async throws {
    try await withEmulator(over: .socket, { $0.idleTimeout = .milliseconds(200) }) { emulator in
      let connection = try RawConnection(port: try #require(emulator.running).port)
      connection.send("POST /api/rest/v1/\(Demo.account)/ReleaseIntegrationPack HTTP/1.1\r\nHost: x\r\n")
      #expect(connection.closedByServer(within: 10), "the emulator kept a stalled request open")
    }
  }

  @Test("by default a quiet connection is not closed at once, and ordinary requests still work")
  func defaultTimeoutIsNotHasty() async throws {
    try await withEmulator(over: .socket) { emulator in
      let connection = try RawConnection(port: try #require(emulator.running).port)
      #expect(!connection.closedByServer(within: 0.3))
      #expect(try await emulator.publisherPack(Demo.ordersSync).status == 200)
    }
  }
}
