import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import TestSupport

/// A hostile gateway in front of the emulator, as corporate gateways and misconfigured proxies
/// are: it forwards every request and, where a rule says so, answers instead with a body that
/// echoes what the client sent (its `Authorization` header, in whatever form the rule writes).
final class EchoingGateway: Sendable {
  /// What the gateway answers instead of the emulator: a status and a body, or `nil` to pass the
  /// emulator's answer through. Given the method, the path and the Authorization header.
  typealias Rule = @Sendable (_ method: String, _ path: String, _ authorization: String) -> (Int, String)?

  let port: Int
  private let group: ServiceGroup
  private let task: Task<Void, Never>

  /// `BOOMI_API_URL` through the gateway.
  var baseURL: String { "http://127.0.0.1:\(port)/api/rest/v1" }

  private init(port: Int, group: ServiceGroup, task: Task<Void, Never>) {
    self.port = port
    self.group = group
    self.task = task
  }

  static func start(upstream: String, rule: @escaping Rule) async throws -> EchoingGateway {
    let responder = CallbackResponder<BasicRequestContext> { request, _ in
      let authorization = request.headers[.authorization] ?? ""
      let path = request.uri.path
      if let (status, body) = rule(request.method.rawValue, path, authorization) {
        return Response(
          status: .init(code: status), headers: [.contentType: "application/json"],
          body: .init(byteBuffer: ByteBuffer(string: body)))
      }
      var forwarded = HTTPClientRequest(url: upstream + request.uri.description)
      forwarded.method = .init(rawValue: request.method.rawValue)
      for field in request.headers { forwarded.headers.add(name: field.name.rawName, value: field.value) }
      let body = try await request.body.collect(upTo: 16 << 20)
      if body.readableBytes > 0 { forwarded.body = .bytes(body) }
      let answer = try await HTTPClient.shared.execute(forwarded, timeout: .seconds(30))
      let bytes = try await answer.body.collect(upTo: 16 << 20)
      var headers = HTTPFields()
      if let type = answer.headers.first(name: "Content-Type") { headers[.contentType] = type }
      return Response(status: .init(code: Int(answer.status.code)), headers: headers, body: .init(byteBuffer: bytes))
    }
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let logger = Logger(label: "echoing-gateway") { _ in SwiftLogNoOpLogHandler() }
    let app = Application(
      responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger))
    let task = Task {
      try? await group.run()
      continuation.finish()
    }
    for await port in ports {
      return EchoingGateway(port: port, group: group, task: task)
    }
    throw HarnessError("the echoing gateway did not start")
  }

  func stop() async {
    await group.triggerGracefulShutdown()
    await task.value
  }
}

/// Runs `body` with a gateway in front of `emulator`, stopped afterwards whatever happens.
func withGateway<Result>(
  in emulator: EmulatorProcess, rule: @escaping EchoingGateway.Rule, _ body: (EchoingGateway) async throws -> Result
) async throws -> Result {
  let gateway = try await EchoingGateway.start(upstream: emulator.rootURL, rule: rule)
  do {
    let result = try await body(gateway)
    await gateway.stop()
    return result
  } catch {
    await gateway.stop()
    throw error
  }
}
