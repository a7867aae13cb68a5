import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The live transport, on AsyncHTTPClient.
///
/// AsyncHTTPClient never re-sends a request by itself, unlike libcurl (behind URLSession on
/// Linux), which silently re-sends a POST when a reused keep-alive connection dies before the
/// first response byte: a processed-then-dropped CREATE would become a second release. Redirects
/// are not followed either: a 307 would re-send the POST.
public final class AsyncHTTPTransport: Sendable {
  private let client: HTTPClient
  private let timeout: TimeAmount
  private let maximumResponseBytes: Int

  public init(connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(60)) {
    var configuration = HTTPClient.Configuration()
    configuration.redirectConfiguration = .disallow
    configuration.timeout = .init(connect: Self.timeAmount(connectTimeout), read: Self.timeAmount(requestTimeout))
    configuration.decompression = .disabled
    client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    timeout = Self.timeAmount(requestTimeout)
    maximumResponseBytes = 32 << 20
  }

  /// `duration` to the nanosecond (a whole-seconds conversion would turn 500 ms into no time).
  static func timeAmount(_ duration: Duration) -> TimeAmount {
    let (seconds, attoseconds) = duration.components
    return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
  }

  public var transport: Transport {
    Transport { [self] request throws(TransportFailure) in try await send(request) }
  }

  public func shutdown() async {
    try? await client.shutdown()
  }

  private func send(_ request: HTTPRequest) async throws(TransportFailure) -> HTTPResponse {
    var outgoing = HTTPClientRequest(url: request.url)
    outgoing.method = HTTPMethod(rawValue: request.method)
    for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
    if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
    do {
      let response = try await client.execute(outgoing, timeout: timeout)
      let body = try await response.body.collect(upTo: maximumResponseBytes)
      return HTTPResponse(
        status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
        body: Array(buffer: body))
    } catch {
      throw Self.classify(error)
    }
  }

  /// Only failures that can happen before a single byte of the request is written count as
  /// "not sent"; anything else may have reached the server.
  static func classify(_ error: any Error) -> TransportFailure {
    switch error {
    case let error as HTTPClientError:
      switch error {
      case .connectTimeout, .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout,
        .getConnectionFromPoolTimeout, .invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown:
        return .notSent("\(error)")
      default:
        return .noResponse("\(error)")
      }
    case let error as NIOConnectionError:
      return .notSent("could not connect to \(error.host):\(error.port)")
    case let error as IOError where [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode):
      return .notSent("could not connect: \(error)")
    case is SocketAddressError:
      return .notSent("could not resolve the address: \(error)")
    case let error as ChannelError:
      if case .connectTimeout = error { return .notSent("connect timeout") }
      return .noResponse("\(error)")
    // The request is written only once the TLS handshake is done: a handshake that failed, or a
    // server certificate that was refused, means nothing was sent.
    case let error as NIOSSLError:
      switch error {
      case .handshakeFailed, .unableToValidateCertificate, .noCertificateToValidate, .cannotMatchULabel,
        .cannotFindPeerIP:
        return .notSent("the TLS handshake failed: \(error)")
      default:
        return .noResponse("\(error)")
      }
    case let error as NIOSSLExtraError
    where [.failedToValidateHostname, .serverHostnameImpossibleToMatch, .cannotUseIPAddressInSNI, .invalidSNIHostname]
      .contains(error):
      return .notSent("the TLS handshake failed: \(error)")
    default:
      return .noResponse("\(error)")
    }
  }
}
