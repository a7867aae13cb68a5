/// A publisher's integration pack and its packaged components.
public struct PublisherIntegrationPack: Decodable, Sendable, Equatable {
  public var id: String
  public var name: String?
  public var installationType: String?
  public var description: String?
  public var components: [PublisherPackagedComponent]

  enum CodingKeys: String, CodingKey {
    case id, name, installationType
    case description = "Description"
    case components = "PublisherPackagedComponents"
  }

  enum ComponentsKeys: String, CodingKey {
    case items = "PublisherPackagedComponent"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = container.lenientString(.id) ?? ""
    name = container.lenientString(.name)
    installationType = container.lenientString(.installationType)
    description = container.lenientString(.description)
    let wrapper = try? container.nestedContainer(keyedBy: ComponentsKeys.self, forKey: .components)
    components = (try? wrapper?.decodeIfPresent([PublisherPackagedComponent].self, forKey: .items)) ?? []
  }
}

/// A packaged component of a publisher's pack, with its released and pending versions.
public struct PublisherPackagedComponent: Decodable, Sendable, Equatable {
  public var componentId: String
  public var componentName: String?
  public var componentType: String?
  /// The version released now; `nil` when none (Boomi sends `""`).
  public var currentVersion: String?
  /// The version the next release will carry, if one is pending.
  public var pendingVersion: String?
  public var latestVersion: String?
  public var deleted: Bool

  enum CodingKeys: String, CodingKey {
    case componentId, componentName, componentType, currentVersion, pendingVersion, latestVersion, deleted
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    componentId = container.lenientString(.componentId) ?? ""
    componentName = container.lenientString(.componentName)
    componentType = container.lenientString(.componentType)
    currentVersion = container.lenientString(.currentVersion)
    pendingVersion = container.lenientString(.pendingVersion)
    latestVersion = container.lenientString(.latestVersion)
    deleted = container.lenientBool(.deleted) ?? false
  }
}

/// A version of a component, packaged: what a release's `version` names.
public struct PackagedComponent: Decodable, Sendable, Equatable {
  public var packageId: String
  public var packageVersion: String?
  public var componentId: String
  /// Typed as an integer in Boomi's schema but sent as `"2.0"`: read as text.
  public var componentVersion: String?
  public var componentType: String?
  public var shareable: Bool
  public var deleted: Bool

  enum CodingKeys: String, CodingKey {
    case packageId, packageVersion, componentId, componentVersion, componentType, shareable, deleted
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    packageId = container.lenientString(.packageId) ?? ""
    packageVersion = container.lenientString(.packageVersion)
    componentId = container.lenientString(.componentId) ?? ""
    componentVersion = container.lenientString(.componentVersion)
    componentType = container.lenientString(.componentType)
    shareable = container.lenientBool(.shareable) ?? false
    deleted = container.lenientBool(.deleted) ?? false
  }
}
