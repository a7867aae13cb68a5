import ReleaseCore

extension Catalog {
  /// The built-in catalog, used when no `--catalog` is given.
  ///
  /// It holds every pack, component and version of the example manifests in `manifests/`
  /// (`release.yaml`, `multi-team.yaml`, `shared-components.yaml`) and of the example lockfile,
  /// each manifest version shareable, plus older shareable versions, one version that is not
  /// shareable (Order Sync Process 2.1) and one that is deleted (Order Sync Process 1.5). The
  /// pack `d7c16f5d-…` ("perf testing ipack") carries the packaged components of Boomi's own
  /// OpenAPI examples, so those examples can be sent verbatim.
  public static let demo = Catalog(packs: [
    demoPack(
      "f0f7face-3a9d-48b1-8a32-82b84499cd4e", "orders-sync", "MULTI",
      [
        demoComponent(
          "b420a8ab-8e4e-41b2-93ce-079093a03af2", "Order Sync Process", current: "1.9",
          ["1.0", "1.8", "1.9", "2.0"], notShareable: ["2.1"], deleted: ["1.5"]),
        demoComponent("3e0d6a4c-5b7f-4c1e-9a2d-8f6b1c3d5e7a", "Order Mapping", current: "1.4", ["1.3", "1.4"]),
      ]),
    demoPack(
      "9a7c3b1e-2d4f-4e6a-8b0c-1d2e3f4a5b6c", "billing-export", "SINGLE",
      [demoComponent("6c5b4a39-2817-4f6e-9d0c-b1a2c3d4e5f6", "Invoice Export", ["3.0", "3.1", "3.2"])]),
    demoPack(
      "4d3c2b1a-0f9e-4d8c-b7a6-958473625140", "inventory-feed", "MULTI",
      [demoComponent("7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910", "Inventory Feed", ["4.9", "5.0"])]),
    demoPack(
      "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5", "legacy-edi", "MULTI",
      [demoComponent("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "EDI Translator", current: "9.0", ["8.0", "9.0"])]),
    demoPack(
      "7a8b9c0d-1e2f-4a3b-94c5-d6e7f8a9b0c1", "hr-onboarding", "MULTI",
      [demoComponent("8c9d0e1f-2a3b-4c4d-95e6-f7a8b9c0d1e2", "Onboarding Orchestration", ["9.0", "12.2", "12.3"])]),
    demoPack(
      "8b9c0d1e-2f3a-4b4c-85d6-e7f8a9b0c1d2", "finance-close", "MULTI",
      [
        demoComponent("9d0e1f2a-3b4c-4d5e-86f7-a8b9c0d1e2f3", "Ledger Close", ["1.0", "2.0"]),
        demoComponent("0e1f2a3b-4c5d-4e6f-97a8-b9c0d1e2f3a4", "Ledger Close Mapping", ["2.0", "2.0.1"]),
      ]),
    demoPack(
      "9c0d1e2f-3a4b-4c5d-96e7-f8a9b0c1d2e3", "finance-reports", "MULTI",
      [demoComponent("1f2a3b4c-5d6e-4f7a-a8b9-c0d1e2f3a4b5", "Monthly Reports", ["7.0", "7.1"])]),
    demoPack(
      "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9", "connectors-standard", "MULTI",
      [restConnector, sftpConnector]),
    demoPack(
      "6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0", "connectors-audited", "MULTI",
      [demoComponent("2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d", "Audit Logger", ["1.0"]), restConnector]),
    Catalog.Pack(
      id: "d7c16f5d-3311-417e-a149-3c55436f7d8d", name: "perf testing ipack", installationType: "MULTI",
      components: [
        Catalog.Component(
          componentId: "66d665d1-3ec7-479c-9e24-8df3fa728cf8", componentName: "New Process 4",
          versions: [
            Catalog.PackagedVersion(
              packageId: "a4543ff8-5acf-4090-8094-ec8dbb6a7406", packageVersion: "1.0", shareable: true,
              deleted: true, componentVersion: "2.0", createdBy: "user@boomi.com",
              createdDate: "2017-01-12T17:29:55Z", notes: "Created for component publication with GUID xxx"),
            Catalog.PackagedVersion(
              packageId: "e8dbc278-e970-49e5-84bd-af39d7d38140", packageVersion: "2.0", shareable: true,
              deleted: false, componentVersion: "2.0", createdBy: "user@boomi.com",
              createdDate: "2017-03-16T13:34:01Z",
              notes: "Created for component publication with GUID f7f6ddb6-9437-4a90-9655-f01970068ca8 and version 2."),
          ])
      ]),
  ])

  private static let restConnector = demoComponent(
    "0e1d2c3b-4a59-4687-b6a5-c4d3e2f1a0b9", "REST Connector", type: "customlibrary", ["4.0", "4.1"])
  private static let sftpConnector = demoComponent(
    "1f2e3d4c-5b6a-4798-a7b6-c5d4e3f2a1b0", "SFTP Connector", type: "customlibrary", ["4.0", "4.1"])

  private static func demoPack(
    _ id: String, _ name: String, _ installationType: String, _ components: [Component]
  ) -> Pack {
    Pack(id: id, name: name, installationType: installationType, components: components)
  }

  private static func demoComponent(
    _ id: String, _ name: String, type: String = "process", current: String? = nil, _ shareable: [String],
    notShareable: [String] = [], deleted: [String] = []
  ) -> Component {
    func version(_ text: String, shareable: Bool = true, deleted: Bool = false) -> PackagedVersion {
      PackagedVersion(
        packageId: DerivedID.uuid(from: "\(id)@\(text)"), packageVersion: text, shareable: shareable,
        deleted: deleted)
    }
    let all =
      shareable.map { version($0) } + notShareable.map { version($0, shareable: false) }
      + deleted.map { version($0, deleted: true) }
    return Component(
      componentId: id, componentName: name, componentType: type, currentVersion: current,
      versions: all.sorted { VersionOrder.precedes($0.packageVersion, $1.packageVersion) })
  }
}
