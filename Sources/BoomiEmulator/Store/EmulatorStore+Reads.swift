import Foundation

/// The read endpoints: release status (single and bulk), PublisherIntegrationPack and
/// PackagedComponent GET, QUERY and queryMore.
extension EmulatorStore {
  /// Results per QUERY or queryMore page, as Boomi documents.
  static let pageSize = 100
  /// Most ids a bulk GET may ask for.
  static let bulkLimit = 100
  /// How long a queryToken stays usable, by the emulator's clock.
  static let queryTokenLifetime: TimeInterval = 30 * 60
  /// Most queryTokens kept at once; the oldest is forgotten first.
  static let queryTokenCapacity = 1_000

  // MARK: - Release status

  /// The status of the release a requestId belongs to, or `nil` for an unknown requestId.
  func releaseStatus(_ requestId: String) -> WireResponse.ReleaseIntegrationPackStatus? {
    settle()
    defer { persistIfNeeded() }
    return statusBody(requestId)
  }

  private func statusBody(_ requestId: String) -> WireResponse.ReleaseIntegrationPackStatus? {
    guard let index = releaseByRequestId[requestId], releases.indices.contains(index) else { return nil }
    let release = releases[index]
    let pack = catalog.pack(release.packId)
    return WireResponse.ReleaseIntegrationPackStatus(
      releasePackagedComponents: WireResponse.TypedReleasePackagedComponents(
        components: release.components.map {
          WireResponse.TypedReleasePackagedComponent(
            componentId: $0.componentId, releasedVersion: $0.releasedVersion, version: $0.version)
        }),
      responseStatusCode: release.status.isFinished ? 200 : 202, integrationPackId: release.packId,
      name: pack?.name ?? "", installationType: pack?.installationType ?? "",
      releaseSchedule: release.schedule.rawValue,
      requestId: requestId, releaseStatus: release.status.rawValue, releaseOnDate: release.releaseOnDate)
  }

  /// A bulk status GET: one answer per id, in the order asked.
  func bulkReleaseStatus(
    _ body: WireRequest.BulkRequest
  ) -> Result<
    WireResponse.BulkResult<WireResponse.ReleaseIntegrationPackStatus>, BoomiFailure
  > {
    settle()
    defer { persistIfNeeded() }
    guard body.type == "GET" else {
      return .failure(
        .badRequest("The bulk request type must be GET, not \(body.type.map { "'\($0)'" } ?? "missing")."))
    }
    guard let request = body.request, !request.isEmpty else {
      return .failure(.badRequest("The bulk request lists no ids: send {\"type\":\"GET\",\"request\":[{\"id\":…}]}."))
    }
    guard request.count <= Self.bulkLimit else {
      return .failure(
        .badRequest("A bulk request may list at most \(Self.bulkLimit) ids; this one lists \(request.count)."))
    }
    let answers = request.enumerated().map { index, item in
      let id = item.id ?? ""
      if let status = statusBody(id) {
        return WireResponse.BulkResponse(result: status, index: index, id: id, statusCode: 200, errorMessage: nil)
      }
      return WireResponse.BulkResponse<WireResponse.ReleaseIntegrationPackStatus>(
        result: nil, index: index, id: id, statusCode: 400,
        errorMessage: "Release request ID \(id) is invalid. Provide a valid release request ID to complete this action."
      )
    }
    return .success(WireResponse.BulkResult(response: answers))
  }

  // MARK: - PublisherIntegrationPack

  func publisherPack(_ id: String) -> WireResponse.PublisherIntegrationPack? {
    settle()
    defer { persistIfNeeded() }
    return catalog.pack(id).map(publisherBody)
  }

  private func publisherBody(_ pack: Catalog.Pack) -> WireResponse.PublisherIntegrationPack {
    let current = currentVersions[pack.id] ?? [:]
    var pending: [String: String] = [:]
    for release in releases
    where release.packId == pack.id && (release.status == .scheduled || release.status == .inProgress) {
      for component in release.components { pending[component.componentId] = component.version }
    }
    return WireResponse.PublisherIntegrationPack(
      description: pack.description,
      components: WireResponse.PublisherPackagedComponents(
        components: pack.components.map { component in
          WireResponse.PublisherPackagedComponent(
            componentId: component.componentId, componentName: component.componentName,
            componentType: component.componentType, currentVersion: current[component.componentId] ?? "",
            pendingVersion: pending[component.componentId] ?? "", deleted: false,
            latestVersion: catalog.latestReleasableVersion(of: component.componentId) ?? "")
        }),
      id: pack.id, name: pack.name, installationType: pack.installationType)
  }

  static let publisherVocabulary = QueryExpression.Vocabulary(
    object: "PublisherIntegrationPack", properties: ["id", "name", "installationType"])

  func queryPublisherPacks(
    _ config: WireRequest.QueryConfig
  ) -> Result<
    WireResponse.QueryResult<WireResponse.PublisherIntegrationPack>, BoomiFailure
  > {
    settle()
    defer { persistIfNeeded() }
    let vocabulary = Self.publisherVocabulary
    switch QueryExpression.parse(config, vocabulary: vocabulary) {
    case .failure(let problem):
      return .failure(.badRequest(problem.message))
    case .success(let expression):
      let ids = catalog.catalog.packs.filter { pack in
        expression.matches(vocabulary) { property in
          switch property {
          case "id": pack.id
          case "name": pack.name
          case "installationType": pack.installationType
          default: nil
          }
        }
      }.map(\.id)
      return .success(publisherPage(QueryCursor(kind: .publisherIntegrationPack, ids: ids, offset: 0)))
    }
  }

  private func publisherPage(_ cursor: QueryCursor) -> WireResponse.QueryResult<WireResponse.PublisherIntegrationPack> {
    let (ids, token) = page(cursor)
    let result = ids.compactMap { catalog.pack($0).map(publisherBody) }
    return WireResponse.QueryResult(result: result, numberOfResults: result.count, queryToken: token)
  }

  // MARK: - PackagedComponent

  func packagedComponent(_ packageId: String) -> WireResponse.PackagedComponent? {
    catalog.packaged(packageId).map(Self.packagedBody)
  }

  private static func packagedBody(_ entry: CatalogIndex.Packaged) -> WireResponse.PackagedComponent {
    WireResponse.PackagedComponent(
      packageId: entry.version.packageId, packageVersion: entry.version.packageVersion,
      componentId: entry.componentId, componentVersion: entry.version.componentVersion,
      componentType: entry.componentType, createdDate: entry.version.createdDate, createdBy: entry.version.createdBy,
      notes: entry.version.notes, shareable: entry.version.shareable, deleted: entry.version.deleted)
  }

  static let packagedVocabulary = QueryExpression.Vocabulary(
    object: "PackagedComponent",
    properties: [
      "packageId", "componentId", "componentType", "componentVersion", "packageVersion", "shareable", "deleted",
      "createdBy", "createdDate", "notes",
    ], versionProperties: ["packageVersion", "componentVersion"])

  func queryPackagedComponents(
    _ config: WireRequest.QueryConfig
  ) -> Result<
    WireResponse.QueryResult<WireResponse.PackagedComponent>, BoomiFailure
  > {
    let vocabulary = Self.packagedVocabulary
    switch QueryExpression.parse(config, vocabulary: vocabulary) {
    case .failure(let problem):
      return .failure(.badRequest(problem.message))
    case .success(let expression):
      let ids = catalog.packaged.filter { entry in
        expression.matches(vocabulary) { property in
          switch property {
          case "packageId": entry.version.packageId
          case "componentId": entry.componentId
          case "componentType": entry.componentType
          case "componentVersion": entry.version.componentVersion
          case "packageVersion": entry.version.packageVersion
          case "shareable": entry.version.shareable ? "true" : "false"
          case "deleted": entry.version.deleted ? "true" : "false"
          case "createdBy": entry.version.createdBy
          case "createdDate": entry.version.createdDate
          case "notes": entry.version.notes
          default: nil
          }
        }
      }.map(\.version.packageId)
      return .success(packagedPage(QueryCursor(kind: .packagedComponent, ids: ids, offset: 0)))
    }
  }

  private func packagedPage(_ cursor: QueryCursor) -> WireResponse.QueryResult<WireResponse.PackagedComponent> {
    let (ids, token) = page(cursor)
    let result = ids.compactMap { catalog.packaged($0).map(Self.packagedBody) }
    return WireResponse.QueryResult(result: result, numberOfResults: result.count, queryToken: token)
  }

  // MARK: - Paging

  func queryMorePublisherPacks(
    _ token: String
  ) -> Result<
    WireResponse.QueryResult<WireResponse.PublisherIntegrationPack>, BoomiFailure
  > {
    settle()
    defer { persistIfNeeded() }
    return cursor(token, kind: .publisherIntegrationPack).map(publisherPage)
  }

  func queryMorePackagedComponents(
    _ token: String
  ) -> Result<
    WireResponse.QueryResult<WireResponse.PackagedComponent>, BoomiFailure
  > {
    cursor(token, kind: .packagedComponent).map(packagedPage)
  }

  private func cursor(_ token: String, kind: QueryCursor.Kind) -> Result<QueryCursor, BoomiFailure> {
    let now = clock.now()
    queryCursors = queryCursors.filter { $0.value.expiresAt > now }
    guard let cursor = queryCursors[token], cursor.kind == kind else {
      let shown = token.count > 80 ? String(token.prefix(80)) + "…" : token
      return .failure(
        .badRequest(
          "The queryToken '\(shown)' is unknown or has expired. Send the queryToken of the previous \(kind.rawValue) query or queryMore response, as the whole plain-text body."
        ))
    }
    return .success(cursor)
  }

  /// The ids of one page and, when more remain, a new token for the next page. A token may be
  /// used again (a retried queryMore gets the same page) until it expires.
  private func page(_ cursor: QueryCursor) -> ([String], String?) {
    let end = min(cursor.ids.count, cursor.offset + Self.pageSize)
    let ids = Array(cursor.ids[min(cursor.offset, end)..<end])
    guard end < cursor.ids.count else { return (ids, nil) }
    let token = Data(idRandom.nextBytes(25)).base64EncodedString()
    var next = cursor
    next.offset = end
    next.expiresAt = clock.now().addingTimeInterval(Self.queryTokenLifetime)
    next.issued = nextTokenSerial
    nextTokenSerial += 1
    queryCursors[token] = next
    if queryCursors.count > Self.queryTokenCapacity,
      let oldest = queryCursors.min(by: { $0.value.issued < $1.value.issued })?.key
    {
      queryCursors[oldest] = nil
    }
    return (ids, token)
  }
}

/// Where a paged QUERY stands: the ids it matched (fixed when the query ran) and how many of
/// them the pages so far have returned.
struct QueryCursor: Sendable {
  /// The object a query was about; a token works only for that object's queryMore.
  enum Kind: String, Sendable {
    case publisherIntegrationPack = "PublisherIntegrationPack"
    case packagedComponent = "PackagedComponent"
  }

  var kind: Kind
  var ids: [String]
  var offset: Int
  var expiresAt: Date = .distantFuture
  var issued = 0
}
