import ReleaseCore

extension Catalog {
  /// A catalog that makes `manifest` releasable: one pack per manifest pack, each component with
  /// the manifest's version as a shareable packaged version. `boomi-release apply --emulator`
  /// seeds the emulator with it.
  ///
  /// A component listed in several packs at different versions gets each of those versions, in
  /// every pack that lists it, since packaged components belong to the account, not to a pack.
  public init(manifest: Manifest) {
    var versionsByComponent: [String: [String]] = [:]
    for pack in manifest.packs {
      for component in pack.components
      where !(versionsByComponent[component.id]?.contains(component.version) ?? false) {
        versionsByComponent[component.id, default: []].append(component.version)
      }
    }
    let packs = manifest.packs.map { pack in
      Catalog.Pack(
        id: pack.id, name: pack.name ?? pack.id, installationType: pack.installationType?.rawValue ?? "MULTI",
        components: pack.components.map { component in
          Catalog.Component(
            componentId: component.id, componentName: component.name ?? component.id,
            versions: (versionsByComponent[component.id] ?? [component.version]).map { version in
              Catalog.PackagedVersion(
                packageId: DerivedID.uuid(from: "\(component.id)@\(version)"), packageVersion: version)
            })
        })
    }
    self.init(packs: packs)
  }
}
