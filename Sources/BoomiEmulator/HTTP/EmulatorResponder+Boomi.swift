import Foundation
import HTTPTypes
import Hummingbird

/// The Boomi endpoints, under `/api/rest/v1/{accountId}/`.
extension EmulatorResponder {
  func route(
    _ method: HTTPRequest.Method, _ path: [String], request: Request, body: [UInt8], context: Context
  ) async -> Outcome {
    let object = path.first ?? ""
    let id = path.count == 2 ? path[1] : nil
    switch (object, path.count, method) {
    case ("ReleaseIntegrationPack", 1, .post):
      return await release(.create, packId: nil, request: request, body: body, context: context)
    case ("ReleaseIntegrationPack", 2, .post):
      return await release(.update, packId: id, request: request, body: body, context: context)
    case ("ReleaseIntegrationPackStatus", 2, .post) where id == "bulk":
      return await bulkStatus(request, body: body)
    case ("ReleaseIntegrationPackStatus", 2, .get) where id != "bulk":
      return await status(id ?? "")
    case ("PublisherIntegrationPack", 2, .post) where id == "query":
      return await query(request, body: body) { await store.queryPublisherPacks($0).map { JSONBody.encode($0) } }
    case ("PublisherIntegrationPack", 2, .post) where id == "queryMore":
      return await queryMore(request, body: body) {
        await store.queryMorePublisherPacks($0).map { JSONBody.encode($0) }
      }
    case ("PublisherIntegrationPack", 2, .get) where id != "query" && id != "queryMore":
      guard let pack = await store.publisherPack(id ?? "") else {
        return Outcome(
          response: Replies.error(
            400,
            "Integration pack ID \(id ?? "") is invalid. Provide a valid integration pack ID to complete this action."))
      }
      return Outcome(response: Replies.json(200, pack))
    case ("PackagedComponent", 2, .post) where id == "query":
      return await query(request, body: body) { await store.queryPackagedComponents($0).map { JSONBody.encode($0) } }
    case ("PackagedComponent", 2, .post) where id == "queryMore":
      return await queryMore(request, body: body) {
        await store.queryMorePackagedComponents($0).map { JSONBody.encode($0) }
      }
    case ("PackagedComponent", 2, .get) where id != "query" && id != "queryMore":
      guard let packaged = await store.packagedComponent(id ?? "") else {
        return Outcome(
          response: Replies.error(
            400,
            "Packaged component ID \(id ?? "") is invalid. Provide a valid packaged component ID to complete this action."
          ))
      }
      return Outcome(response: Replies.json(200, packaged))
    default:
      let emulated = [
        "ReleaseIntegrationPack", "ReleaseIntegrationPackStatus", "PublisherIntegrationPack", "PackagedComponent",
      ]
      let what = emulated.contains(object) ? "does not emulate \(method.rawValue) on" : "has no endpoint"
      return Outcome(
        response: Replies.error(404, "The emulator \(what) \(request.uri.path)."))
    }
  }

  private func release(
    _ operation: EmulatorStore.ReleaseOperation, packId: String?, request: Request, body: [UInt8], context: Context
  ) async -> Outcome {
    func outcome(_ response: Response, requestId: String? = nil) -> Outcome {
      Outcome(response: response, requestId: requestId, operation: operation.rawValue, isWrite: true)
    }
    if let refusal = jsonBodyRefusal(request) { return outcome(refusal) }
    switch JSONBody.decode(WireRequest.ReleaseIntegrationPack.self, from: body, what: "ReleaseIntegrationPack") {
    case .failure(let problem):
      return outcome(Replies.error(400, problem.message))
    case .success(let decoded):
      let prefix = statusURLPrefix(request, context: context)
      switch await store.release(operation, pathPackId: packId, body: decoded, statusURLPrefix: prefix) {
      case .success(let reply): return outcome(Replies.json(200, reply), requestId: reply.requestId)
      case .failure(let failure): return outcome(Replies.error(failure.status, failure.message))
      }
    }
  }

  private func status(_ requestId: String) async -> Outcome {
    guard let status = await store.releaseStatus(requestId) else {
      return Outcome(
        response: Replies.error(
          404,
          "Release request ID \(requestId) was not found. Use the requestId returned by ReleaseIntegrationPack CREATE or UPDATE."
        ))
    }
    return Outcome(response: Replies.json(status.responseStatusCode, status))
  }

  private func bulkStatus(_ request: Request, body: [UInt8]) async -> Outcome {
    if let refusal = jsonBodyRefusal(request) { return Outcome(response: refusal) }
    switch JSONBody.decode(WireRequest.BulkRequest.self, from: body, what: "bulk request") {
    case .failure(let problem):
      return Outcome(response: Replies.error(400, problem.message))
    case .success(let decoded):
      switch await store.bulkReleaseStatus(decoded) {
      case .success(let result): return Outcome(response: Replies.json(200, result))
      case .failure(let failure): return Outcome(response: Replies.error(failure.status, failure.message))
      }
    }
  }

  private func query(
    _ request: Request, body: [UInt8],
    run: (WireRequest.QueryConfig) async -> Result<[UInt8], BoomiFailure>
  ) async -> Outcome {
    if let refusal = jsonBodyRefusal(request) { return Outcome(response: refusal) }
    switch JSONBody.decode(WireRequest.QueryConfig.self, from: body, what: "QueryConfig") {
    case .failure(let problem):
      return Outcome(response: Replies.error(400, problem.message))
    case .success(let config):
      switch await run(config) {
      case .success(let bytes): return Outcome(response: Replies.json(200, bytes))
      case .failure(let failure): return Outcome(response: Replies.error(failure.status, failure.message))
      }
    }
  }

  /// queryMore takes the token alone, as plain text (Boomi's spec: `text/plain`).
  private func queryMore(
    _ request: Request, body: [UInt8], run: (String) async -> Result<[UInt8], BoomiFailure>
  ) async -> Outcome {
    guard Self.contentType(request.headers[.contentType], is: "text/plain") else {
      return Outcome(
        response: Replies.error(
          415,
          "queryMore takes the queryToken as the whole body with Content-Type: text/plain (not JSON, not quoted)."))
    }
    let token = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard !token.isEmpty else {
      return Outcome(response: Replies.error(400, "The queryMore body is empty; send the queryToken as plain text."))
    }
    switch await run(token) {
    case .success(let bytes): return Outcome(response: Replies.json(200, bytes))
    case .failure(let failure): return Outcome(response: Replies.error(failure.status, failure.message))
    }
  }

  /// A 415 unless the request declares a JSON body.
  private func jsonBodyRefusal(_ request: Request) -> Response? {
    guard !Self.contentType(request.headers[.contentType], is: "application/json") else { return nil }
    let sent = request.headers[.contentType].map { "Content-Type: \($0)" } ?? "no Content-Type"
    return Replies.error(
      415,
      "The request body must be JSON sent with Content-Type: application/json (this request has \(sent)); the emulator does not read XML."
    )
  }
}
