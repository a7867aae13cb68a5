/// Response bodies exactly as Boomi's OpenAPI examples spell them: the same keys, the same
/// `@type` values at the same levels, absent optional values left out (never `null`), and the
/// PublisherPackagedComponent version fields as `""` when empty.
enum WireResponse {
  /// `{"@type": "Error", "message": …}`: Boomi's error for a request it understood and refused.
  struct Error: Encodable, Sendable {
    let type = "Error"
    var message: String

    enum CodingKeys: String, CodingKey {
      case type = "@type"
      case message
    }
  }

  /// `{"message": …}`: Boomi's body for 401, 403 and 503.
  struct Message: Encodable, Sendable {
    var message: String
  }

  /// The CREATE and UPDATE response.
  struct ReleaseIntegrationPack: Encodable, Sendable {
    let type = "ReleaseIntegrationPack"
    var id: String
    var installationType: String
    var name: String
    var releaseSchedule: String
    var requestId: String
    var releaseStatusUrl: String
    var releaseOnDate: String?
    var releasePackagedComponents: ReleasePackagedComponents

    enum CodingKeys: String, CodingKey {
      case type = "@type"
      case id
      case installationType
      case name
      case releaseSchedule
      case requestId
      case releaseStatusUrl
      case releaseOnDate
      case releasePackagedComponents = "ReleasePackagedComponents"
    }
  }

  /// `ReleasePackagedComponents` as the CREATE/UPDATE response example has it: no `@type`.
  struct ReleasePackagedComponents: Encodable, Sendable {
    var components: [ReleasePackagedComponent]

    enum CodingKeys: String, CodingKey {
      case components = "ReleasePackagedComponent"
    }
  }

  /// `ReleasePackagedComponent` without `@type`.
  struct ReleasePackagedComponent: Encodable, Sendable {
    var componentId: String
    var releasedVersion: String?
    var version: String
  }

  /// The `ReleaseIntegrationPackStatus` object.
  struct ReleaseIntegrationPackStatus: Encodable, Sendable {
    let type = "ReleaseIntegrationPackStatus"
    var releasePackagedComponents: TypedReleasePackagedComponents
    var responseStatusCode: Int
    var integrationPackId: String
    var name: String
    var installationType: String
    var releaseSchedule: String
    var requestId: String
    var releaseStatus: String
    var releaseOnDate: String?

    enum CodingKeys: String, CodingKey {
      case type = "@type"
      case releasePackagedComponents = "ReleasePackagedComponents"
      case responseStatusCode
      case integrationPackId
      case name
      case installationType
      case releaseSchedule
      case requestId
      case releaseStatus
      case releaseOnDate
    }
  }

  /// `ReleasePackagedComponents` as the status example has it: with `@type` at each level.
  struct TypedReleasePackagedComponents: Encodable, Sendable {
    let type = "ReleasePackagedComponents"
    var components: [TypedReleasePackagedComponent]

    enum CodingKeys: String, CodingKey {
      case type = "@type"
      case components = "ReleasePackagedComponent"
    }
  }

  /// `ReleasePackagedComponent` with `@type`.
  struct TypedReleasePackagedComponent: Encodable, Sendable {
    let type = "ReleasePackagedComponent"
    var componentId: String
    var releasedVersion: String?
    var version: String

    enum CodingKeys: String, CodingKey {
      case type = "@type"
      case componentId
      case releasedVersion
      case version
    }
  }

  /// `{"@type": "BulkResult", "response": [...]}`.
  struct BulkResult<Item: Encodable & Sendable>: Encodable, Sendable {
    let type = "BulkResult"
    var response: [BulkResponse<Item>]

    enum CodingKeys: String, CodingKey {
      case type = "@type"
      case response
    }
  }

  /// One answer of a bulk GET: the object, or a status code and message.
  struct BulkResponse<Item: Encodable & Sendable>: Encodable, Sendable {
    let type = "BulkResponse"
    var result: Item?
    var index: Int
    var id: String
    var statusCode: Int
    var errorMessage: String?

    enum CodingKeys: String, CodingKey {
      case type = "@type"
      case result = "Result"
      case index
      case id
      case statusCode
      case errorMessage
    }
  }

  /// `PublisherIntegrationPack`.
  struct PublisherIntegrationPack: Encodable, Sendable {
    let type = "PublisherIntegrationPack"
    var description: String
    var components: PublisherPackagedComponents
    var id: String
    var name: String
    var installationType: String
    let operationType = "ADD"

    enum CodingKeys: String, CodingKey {
      case type = "@type"
      case description = "Description"
      case components = "PublisherPackagedComponents"
      case id
      case name
      case installationType
      case operationType
    }
  }

  /// `PublisherPackagedComponents`.
  struct PublisherPackagedComponents: Encodable, Sendable {
    let type = "PublisherPackagedComponents"
    var components: [PublisherPackagedComponent]

    enum CodingKeys: String, CodingKey {
      case type = "@type"
      case components = "PublisherPackagedComponent"
    }
  }

  /// `PublisherPackagedComponent`; empty versions are `""`.
  struct PublisherPackagedComponent: Encodable, Sendable {
    let type = "PublisherPackagedComponent"
    var componentId: String
    var componentName: String
    var componentType: String
    var currentVersion: String
    var pendingVersion: String
    var deleted: Bool
    var latestVersion: String

    enum CodingKeys: String, CodingKey {
      case type = "@type"
      case componentId
      case componentName
      case componentType
      case currentVersion
      case pendingVersion
      case deleted
      case latestVersion
    }
  }

  /// `PackagedComponent`.
  struct PackagedComponent: Encodable, Sendable {
    let type = "PackagedComponent"
    var packageId: String
    var packageVersion: String
    var componentId: String
    var componentVersion: String?
    var componentType: String
    var createdDate: String?
    var createdBy: String?
    var notes: String?
    var shareable: Bool
    var deleted: Bool

    enum CodingKeys: String, CodingKey {
      case type = "@type"
      case packageId
      case packageVersion
      case componentId
      case componentVersion
      case componentType
      case createdDate
      case createdBy
      case notes
      case shareable
      case deleted
    }
  }

  /// `QueryResult`: at most 100 results, and a `queryToken` only when more remain.
  struct QueryResult<Item: Encodable & Sendable>: Encodable, Sendable {
    let type = "QueryResult"
    var result: [Item]
    var numberOfResults: Int
    var queryToken: String?

    enum CodingKeys: String, CodingKey {
      case type = "@type"
      case result
      case numberOfResults
      case queryToken
    }
  }
}
