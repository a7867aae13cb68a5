/// The body of `ReleaseIntegrationPack` CREATE and UPDATE, exactly as Boomi's spec shows it:
/// `{"id", "releaseSchedule", "releaseOnDate"?, "ReleasePackagedComponents":
/// {"ReleasePackagedComponent": [{"componentId", "version"}]}}`.
public struct ReleaseIntegrationPackRequest: Encodable, Sendable, Equatable {
  /// The publisher integration pack's id.
  public var id: String
  /// `IMMEDIATELY` or `RELEASE_ON_SPECIFIED_DATE`.
  public var releaseSchedule: String
  /// `yyyy-MM-dd`, only for `RELEASE_ON_SPECIFIED_DATE`.
  public var releaseOnDate: String?
  public var components: [ReleasePackagedComponent]

  public init(id: String, releaseSchedule: String, releaseOnDate: String?, components: [ReleasePackagedComponent]) {
    self.id = id
    self.releaseSchedule = releaseSchedule
    self.releaseOnDate = releaseOnDate
    self.components = components
  }

  enum CodingKeys: String, CodingKey {
    case id, releaseSchedule, releaseOnDate
    case components = "ReleasePackagedComponents"
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(releaseSchedule, forKey: .releaseSchedule)
    try container.encodeIfPresent(releaseOnDate, forKey: .releaseOnDate)
    try container.encode(ReleasePackagedComponents(components), forKey: .components)
  }
}

/// A CREATE or UPDATE body encoded once: the bytes that go on the wire are the bytes whose
/// SHA-256 an intent records.
public struct ReleaseRequestBody: Sendable, Equatable {
  public let bytes: [UInt8]

  public init(_ request: ReleaseIntegrationPackRequest) {
    bytes = WireCoding.encode(request)
  }
}

/// Boomi's acceptance of a CREATE or UPDATE, as the client checked it: the handle on the release.
public struct AcceptedRelease: Sendable, Equatable {
  /// `release-<uuid>`: printable ASCII without spaces, never empty.
  public let requestId: String
  public let releaseStatusUrl: String?

  public init(requestId: String, releaseStatusUrl: String?) {
    self.requestId = requestId
    self.releaseStatusUrl = releaseStatusUrl
  }
}

/// Boomi's wrapper object around the component list (capital R, singular inner key).
struct ReleasePackagedComponents: Codable {
  var items: [ReleasePackagedComponent]

  init(_ items: [ReleasePackagedComponent]) {
    self.items = items
  }

  enum CodingKeys: String, CodingKey {
    case items = "ReleasePackagedComponent"
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    items = (try? container.decodeIfPresent([ReleasePackagedComponent].self, forKey: .items)) ?? []
  }
}

/// One component of a release: its id and the packaged version released.
public struct ReleasePackagedComponent: Codable, Sendable, Equatable {
  public var componentId: String
  /// The packaged component version to release (`packageVersion`).
  public var version: String?
  /// Output only: the version that was released.
  public var releasedVersion: String?

  public init(componentId: String, version: String?, releasedVersion: String? = nil) {
    self.componentId = componentId
    self.version = version
    self.releasedVersion = releasedVersion
  }

  enum CodingKeys: String, CodingKey {
    case componentId, version, releasedVersion
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    componentId = container.lenientString(.componentId) ?? ""
    version = container.lenientString(.version)
    releasedVersion = container.lenientString(.releasedVersion)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(componentId, forKey: .componentId)
    try container.encodeIfPresent(version, forKey: .version)
    try container.encodeIfPresent(releasedVersion, forKey: .releasedVersion)
  }
}

/// Boomi's answer to CREATE and UPDATE: the request echoed, with the handle on the release.
public struct ReleaseIntegrationPackResponse: Decodable, Sendable, Equatable {
  public var id: String?
  public var name: String?
  public var installationType: String?
  public var releaseSchedule: String?
  public var releaseOnDate: String?
  /// `release-<uuid>`: the only handle on the release afterwards.
  public var requestId: String?
  public var releaseStatusUrl: String?
  public var components: [ReleasePackagedComponent]

  enum CodingKeys: String, CodingKey {
    case id, name, installationType, releaseSchedule, releaseOnDate, requestId, releaseStatusUrl
    case components = "ReleasePackagedComponents"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = container.lenientString(.id)
    name = container.lenientString(.name)
    installationType = container.lenientString(.installationType)
    releaseSchedule = container.lenientString(.releaseSchedule)
    releaseOnDate = container.lenientString(.releaseOnDate)
    requestId = container.lenientString(.requestId)
    releaseStatusUrl = container.lenientString(.releaseStatusUrl)
    components = (try? container.decodeIfPresent(ReleasePackagedComponents.self, forKey: .components))?.items ?? []
  }
}

/// `ReleaseIntegrationPackStatus`: where a release stands.
public struct ReleaseIntegrationPackStatus: Decodable, Sendable, Equatable {
  public var responseStatusCode: Int?
  public var requestId: String?
  /// The pack's id (this object calls it `integrationPackId`, not `id`).
  public var integrationPackId: String?
  public var name: String?
  public var installationType: String?
  public var releaseSchedule: String?
  public var releaseOnDate: String?
  /// `IN_PROGRESS`, `SUCCESS`, `SCHEDULED` or `ERROR`.
  public var releaseStatus: String?
  public var components: [ReleasePackagedComponent]

  enum CodingKeys: String, CodingKey {
    case responseStatusCode, requestId, integrationPackId, name, installationType, releaseSchedule
    case releaseOnDate, releaseStatus
    case components = "ReleasePackagedComponents"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    responseStatusCode = container.lenientInt(.responseStatusCode)
    requestId = container.lenientString(.requestId)
    integrationPackId = container.lenientString(.integrationPackId)
    name = container.lenientString(.name)
    installationType = container.lenientString(.installationType)
    releaseSchedule = container.lenientString(.releaseSchedule)
    releaseOnDate = container.lenientString(.releaseOnDate)
    releaseStatus = container.lenientString(.releaseStatus)
    components = (try? container.decodeIfPresent(ReleasePackagedComponents.self, forKey: .components))?.items ?? []
  }
}
