/// The publisher account the emulator serves: its integration packs, their components and every
/// packaged version of those components, shaped like Boomi's own objects.
///
/// A catalog is only the starting point. Releases made against the emulator move each
/// component's `currentVersion` and `pendingVersion`; the catalog itself never changes while the
/// emulator runs.
public struct Catalog: Sendable, Hashable, Codable {
  /// In the order written; queries answer in this order.
  public var packs: [Pack]

  public init(packs: [Pack]) {
    self.packs = packs
  }

  /// A publisher integration pack (Boomi's `PublisherIntegrationPack`).
  public struct Pack: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// `SINGLE` or `MULTI`.
    public var installationType: String
    /// Boomi's `Description`; empty when the catalog gives none.
    public var description: String
    public var components: [Component]

    public init(
      id: String, name: String, installationType: String = "MULTI", description: String = "",
      components: [Component]
    ) {
      self.id = id
      self.name = name
      self.installationType = installationType
      self.description = description
      self.components = components
    }

    enum CodingKeys: String, CodingKey {
      case id
      case name
      case installationType
      case description = "Description"
      case components
    }
  }

  /// A component of a pack (Boomi's `PublisherPackagedComponent`) and its packaged versions.
  public struct Component: Sendable, Hashable, Codable {
    public var componentId: String
    public var componentName: String
    public var componentType: String
    /// The version already released in the pack when the emulator starts, if any.
    public var currentVersion: String?
    public var versions: [PackagedVersion]

    public init(
      componentId: String, componentName: String, componentType: String = "process", currentVersion: String? = nil,
      versions: [PackagedVersion]
    ) {
      self.componentId = componentId
      self.componentName = componentName
      self.componentType = componentType
      self.currentVersion = currentVersion
      self.versions = versions
    }
  }

  /// One packaged version of a component (Boomi's `PackagedComponent`).
  public struct PackagedVersion: Sendable, Hashable, Codable {
    public var packageId: String
    public var packageVersion: String
    public var shareable: Bool
    public var deleted: Bool
    /// Optional details Boomi reports; left out of responses when absent.
    public var componentVersion: String?
    public var createdBy: String?
    public var createdDate: String?
    public var notes: String?

    public init(
      packageId: String, packageVersion: String, shareable: Bool = true, deleted: Bool = false,
      componentVersion: String? = nil, createdBy: String? = nil, createdDate: String? = nil, notes: String? = nil
    ) {
      self.packageId = packageId
      self.packageVersion = packageVersion
      self.shareable = shareable
      self.deleted = deleted
      self.componentVersion = componentVersion
      self.createdBy = createdBy
      self.createdDate = createdDate
      self.notes = notes
    }

    /// Whether a release may name this version: shareable and not deleted.
    public var isReleasable: Bool { shareable && !deleted }
  }

  /// The pack with `id`, if the catalog has it.
  public func pack(_ id: String) -> Pack? {
    packs.first { $0.id == id }
  }
}

extension Catalog {
  /// The first pack named `name`, if the catalog has one.
  public func pack(named name: String) -> Pack? {
    packs.first { $0.name == name }
  }
}

extension Catalog.Pack {
  /// The pack's component named `name`, if it has one.
  public func component(named name: String) -> Catalog.Component? {
    components.first { $0.componentName == name }
  }
}
