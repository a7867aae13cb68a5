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
    queryable(
      "PublisherIntegrationPack", on: group, what: "Integration pack",
      query: { await store.queryPublisherPacks($0) }, queryMore: { await store.queryMorePublisherPacks($0) },
      get: { await store.publisherPack($0) })
    queryable(
      "PackagedComponent", on: group, what: "Packaged component",
      query: { await store.queryPackagedComponents($0) }, queryMore: { await store.queryMorePackagedComponents($0) },
      get: { await store.packagedComponent($0) })
  }

  /// `POST {object}/query`, `POST {object}/queryMore` and `GET {object}/{id}`.
  private func queryable<Item: Encodable & Sendable>(
    _ object: String, on group: RouterGroup<Context>, what: String,
    query: @escaping @Sendable (WireRequest.QueryConfig) async -> Result<WireResponse.QueryResult<Item>, BoomiFailure>,
    queryMore: @escaping @Sendable (String) async -> Result<WireResponse.QueryResult<Item>, BoomiFailure>,
    get: @escaping @Sendable (String) async -> Item?
  ) {
    group.post("\(object)/query") { request, _ in
      await withJSONBody(request, WireRequest.QueryConfig.self, what: "QueryConfig") { reply(await query($0)) }
    }
    group.post("\(object)/queryMore") { request, _ in
      await self.queryMore(request, run: queryMore)
    }
    group.get("\(object)/:id") { _, context in
      let id = context.parameter("id")
      guard let item = await get(id) else {
        let lowercased = what.lowercased()
        return Replies.error(
          400, "\(what) ID \(id) is invalid. Provide a valid \(lowercased) ID to complete this action.")
      }
      return Replies.json(200, item)
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

  /// queryMore takes the token alone, as plain text (Boomi's spec: `text/plain`).
  private func queryMore<Page: Encodable>(
    _ request: Request, run: (String) async -> Result<Page, BoomiFailure>
  ) async -> Response {
    guard request.hasContentType("text/plain") else {
      return Replies.error(
        415, "queryMore takes the queryToken as the whole body with Content-Type: text/plain (not JSON, not quoted).")
    }
    let token = String(decoding: await body(of: request), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    guard !token.isEmpty else {
      return Replies.error(400, "The queryMore body is empty; send the queryToken as plain text.")
    }
    return reply(await run(token))
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
