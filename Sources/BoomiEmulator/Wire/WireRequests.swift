/// Request bodies as Boomi's OpenAPI spec shows them, decoded leniently: every field optional
/// (so the emulator's own rules, not the decoder, say what is missing), unknown keys and `@type`
/// ignored. The emulator's wire types are its own; it shares none with the client.
enum WireRequest {
  /// `ReleaseIntegrationPack`, the body of CREATE and UPDATE.
  struct ReleaseIntegrationPack: Decodable {
    var id: String?
    var name: String?
    var installationType: String?
    var releaseSchedule: String?
    var releaseOnDate: String?
    var releasePackagedComponents: ReleasePackagedComponents?

    enum CodingKeys: String, CodingKey {
      case id
      case name
      case installationType
      case releaseSchedule
      case releaseOnDate
      case releasePackagedComponents = "ReleasePackagedComponents"
    }
  }

  /// `ReleasePackagedComponents`: an object holding the list.
  struct ReleasePackagedComponents: Decodable {
    var components: [ReleasePackagedComponent]?

    enum CodingKeys: String, CodingKey {
      case components = "ReleasePackagedComponent"
    }
  }

  /// `ReleasePackagedComponent`; `releasedVersion` is output only and ignored.
  struct ReleasePackagedComponent: Decodable {
    var componentId: String?
    var version: String?
  }

  /// A bulk GET: `{"type": "GET", "request": [{"id": …}]}`.
  struct BulkRequest: Decodable {
    var type: String?
    var request: [BulkId]?
  }

  /// One id of a bulk GET.
  struct BulkId: Decodable {
    var id: String?
  }

  /// `QueryConfig`: `{"QueryFilter": {"expression": …}}`.
  struct QueryConfig: Decodable {
    var queryFilter: QueryFilter?

    enum CodingKeys: String, CodingKey {
      case queryFilter = "QueryFilter"
    }
  }

  /// `QueryFilter`; no expression means every object.
  struct QueryFilter: Decodable {
    var expression: Expression?
  }

  /// A simple expression (`property`, `operator`, `argument`) or a grouping one (`operator`
  /// `and`/`or` with `nestedExpression`), told apart by ``QueryExpression``.
  struct Expression: Decodable {
    var argument: [String]?
    var `operator`: String?
    var property: String?
    var nestedExpression: [Expression]?
  }
}
