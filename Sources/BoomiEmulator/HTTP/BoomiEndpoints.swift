import Foundation
import HTTPTypes
import Hummingbird

/// The Boomi endpoints, under `/api/rest/v1/{accountId}/`. They run behind ``BoomiGate``: the
/// caller is authenticated, the account is the emulator's, the body is read, and the client
/// accepts JSON.
struct BoomiEndpoints {
  typealias Context = EmulatorRequestContext

  let store: EmulatorStore
  let account: String
  let host: String

  func register(on group: RouterGroup<Context>) {
    group.post("ReleaseIntegrationPack") { request, context in
      await release(.create, packId: nil, request, context)
    }
    group.post("ReleaseIntegrationPack/:packId") { request, context in
      await release(.update, packId: context.parameter("packId"), request, context)
    }
    group.get("ReleaseIntegrationPackStatus/:requestId") { _, context in
      await status(context.parameter("requestId"))
    }
    group.post("ReleaseIntegrationPackStatus/bulk") { request, _ in
      await withJSONBody(request, WireRequest.BulkRequest.self, what: "bulk request") { bulk in
        reply(await store.bulkReleaseStatus(bulk))
      }
    }
    group.post("PublisherIntegrationPack/query") { request, _ in
      await query(request) { await store.queryPublisherPacks($0).map { JSONBody.encode($0) } }
    }
    group.post("PublisherIntegrationPack/queryMore") { request, _ in
      await queryMore(request) { await store.queryMorePublisherPacks($0).map { JSONBody.encode($0) } }
    }
    group.get("PublisherIntegrationPack/:id") { _, context in
      let id = context.parameter("id")
      guard let pack = await store.publisherPack(id) else {
        return Replies.error(
          400, "Integration pack ID \(id) is invalid. Provide a valid integration pack ID to complete this action.")
      }
      return Replies.json(200, pack)
    }
    group.post("PackagedComponent/query") { request, _ in
      await query(request) { await store.queryPackagedComponents($0).map { JSONBody.encode($0) } }
    }
    group.post("PackagedComponent/queryMore") { request, _ in
      await queryMore(request) { await store.queryMorePackagedComponents($0).map { JSONBody.encode($0) } }
    }
    group.get("PackagedComponent/:id") { _, context in
      let id = context.parameter("id")
      guard let packaged = await store.packagedComponent(id) else {
        return Replies.error(
          400,
          "Packaged component ID \(id) is invalid. Provide a valid packaged component ID to complete this action.")
      }
      return Replies.json(200, packaged)
    }
  }

  private func release(
    _ operation: EmulatorStore.ReleaseOperation, packId: String?, _ request: Request, _ context: Context
  ) async -> Response {
    var requestId: String?
    defer { context.exchange.recordWrite(operation.rawValue, requestId: requestId) }
    return await withJSONBody(request, WireRequest.ReleaseIntegrationPack.self, what: "ReleaseIntegrationPack") {
      body in
      let prefix = statusURLPrefix(request, context: context)
      let result = await store.release(operation, pathPackId: packId, body: body, statusURLPrefix: prefix)
      if case .success(let accepted) = result { requestId = accepted.requestId }
      return reply(result)
    }
  }

  private func status(_ requestId: String) async -> Response {
    guard let status = await store.releaseStatus(requestId) else {
      return Replies.error(
        404,
        "Release request ID \(requestId) was not found. Use the requestId returned by ReleaseIntegrationPack CREATE or UPDATE."
      )
    }
    return Replies.json(status.responseStatusCode, status)
  }

  private func query(
    _ request: Request, run: (WireRequest.QueryConfig) async -> Result<[UInt8], BoomiFailure>
  ) async -> Response {
    await withJSONBody(request, WireRequest.QueryConfig.self, what: "QueryConfig") { reply(encoded: await run($0)) }
  }

  /// queryMore takes the token alone, as plain text (Boomi's spec: `text/plain`).
  private func queryMore(_ request: Request, run: (String) async -> Result<[UInt8], BoomiFailure>) async -> Response {
    guard request.hasContentType("text/plain") else {
      return Replies.error(
        415, "queryMore takes the queryToken as the whole body with Content-Type: text/plain (not JSON, not quoted).")
    }
    let token = String(decoding: await body(of: request), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    guard !token.isEmpty else {
      return Replies.error(400, "The queryMore body is empty; send the queryToken as plain text.")
    }
    return reply(encoded: await run(token))
  }

  /// Decodes a JSON body and hands it to `handle`; a 415 unless the request declares a JSON
  /// body, a 400 saying what is wrong when it does not decode.
  private func withJSONBody<Body: Decodable>(
    _ request: Request, _ type: Body.Type, what: String, _ handle: (Body) async -> Response
  ) async -> Response {
    guard request.hasContentType("application/json") else {
      let sent = request.headers[.contentType].map { "Content-Type: \($0)" } ?? "no Content-Type"
      return Replies.error(
        415,
        "The request body must be JSON sent with Content-Type: application/json (this request has \(sent)); the emulator does not read XML."
      )
    }
    switch JSONBody.decode(type, from: await body(of: request), what: what) {
    case .success(let body): return await handle(body)
    case .failure(let problem): return Replies.error(400, problem.message)
    }
  }

  /// The body the gate read and kept in the request.
  private func body(of request: Request) async -> [UInt8] {
    var request = request
    guard case .bytes(let bytes) = await request.readBody(limit: .max) else { return [] }
    return bytes
  }

  private func reply<Value: Encodable>(_ result: Result<Value, BoomiFailure>) -> Response {
    switch result {
    case .success(let value): return Replies.json(200, value)
    case .failure(let failure): return Replies.error(failure.status, failure.message)
    }
  }

  private func reply(encoded result: Result<[UInt8], BoomiFailure>) -> Response {
    switch result {
    case .success(let bytes): return Replies.json(200, bytes)
    case .failure(let failure): return Replies.error(failure.status, failure.message)
    }
  }

  /// `http://HOST/api/rest/v1/{account}/ReleaseIntegrationPackStatus/`, with the host the
  /// request was sent to, so the URL works from wherever the client is.
  private func statusURLPrefix(_ request: Request, context: Context) -> String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:[]")
    let authority: String
    if let sent = request.head.authority, !sent.isEmpty, sent.count <= 255, sent.allSatisfy({ allowed.contains($0) }) {
      authority = sent
    } else {
      authority = "\(host):\(context.localPort ?? 0)"
    }
    return "http://\(authority)/api/rest/v1/\(account)/ReleaseIntegrationPackStatus/"
  }
}
