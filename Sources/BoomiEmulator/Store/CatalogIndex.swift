import ReleaseCore

/// A ``Catalog`` arranged for the lookups the endpoints make: packs by id, packaged components
/// by packageId, and every packaged version of a component whichever pack lists it (packaged
/// components belong to the account, not to one pack).
struct CatalogIndex: Sendable {
  let catalog: Catalog
  private let packPositions: [String: Int]
  /// Unique packaged components in catalog order.
  let packaged: [Packaged]
  private let packagedPositions: [String: Int]
  private let versionsByComponent: [String: [Catalog.PackagedVersion]]

  /// A packaged component with the component it packages.
  struct Packaged: Sendable {
    var componentId: String
    var componentType: String
    var version: Catalog.PackagedVersion
  }

  init(_ catalog: Catalog) {
    self.catalog = catalog
    var packPositions: [String: Int] = [:]
    var packaged: [Packaged] = []
    var packagedPositions: [String: Int] = [:]
    var versionsByComponent: [String: [Catalog.PackagedVersion]] = [:]
    for (position, pack) in catalog.packs.enumerated() {
      if packPositions[pack.id] == nil { packPositions[pack.id] = position }
      for component in pack.components {
        for version in component.versions where packagedPositions[version.packageId] == nil {
          packagedPositions[version.packageId] = packaged.count
          packaged.append(
            Packaged(componentId: component.componentId, componentType: component.componentType, version: version))
          versionsByComponent[component.componentId, default: []].append(version)
        }
      }
    }
    self.packPositions = packPositions
    self.packaged = packaged
    self.packagedPositions = packagedPositions
    self.versionsByComponent = versionsByComponent
  }

  func pack(_ id: String) -> Catalog.Pack? {
    packPositions[id].map { catalog.packs[$0] }
  }

  func packaged(_ packageId: String) -> Packaged? {
    packagedPositions[packageId].map { packaged[$0] }
  }

  /// Every packaged version of a component.
  func versions(of componentId: String) -> [Catalog.PackagedVersion] {
    versionsByComponent[componentId] ?? []
  }

  /// The greatest shareable, non-deleted version of a component, or `nil`.
  func latestReleasableVersion(of componentId: String) -> String? {
    VersionOrder.latest(versions(of: componentId).filter(\.isReleasable).map(\.packageVersion))
  }

  /// The versions released in each pack before any release is made: the catalog's
  /// `currentVersion`s.
  var initialCurrentVersions: [String: [String: String]] {
    var result: [String: [String: String]] = [:]
    for pack in catalog.packs {
      for component in pack.components {
        if let current = component.currentVersion { result[pack.id, default: [:]][component.componentId] = current }
      }
    }
    return result
  }
}
