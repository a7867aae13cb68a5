import Foundation

/// Manifests and lockfiles the end-to-end tests run the tool on. Today is 2026-11-23 (see
/// `CLI.fixedNow`).
enum Fixtures {
  static let ordersID = "f0f7face-3a9d-48b1-8a32-82b84499cd4e"
  static let ordersComponent = "b420a8ab-8e4e-41b2-93ce-079093a03af2"
  static let billingID = "7d3c5a38-7f0e-4b6f-9a51-2b2e0c1d9e10"
  static let billingComponent = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
  static let legacyID = "11111111-2222-4333-8444-555555555555"
  static let lineage = "5b0f1c9e-0000-4000-8000-000000000001"

  /// Two valid packs: `orders-sync` released immediately with 2.0, `billing` scheduled for
  /// 2026-12-20 with 1.5.
  static func manifest(
    billingRelease: String = "2026-12-20", billingVersion: String = "1.5", timezone: String = "UTC"
  )
    -> String
  {
    """
    version: 1
    timezone: \(timezone)
    packs:
      - id: \(ordersID)
        name: orders-sync
        installationType: MULTI
        release: immediately
        components:
          - id: \(ordersComponent)
            version: "2.0"
            name: Order Sync Process
      - id: \(billingID)
        name: billing
        release: \(billingRelease)
        components:
          - id: \(billingComponent)
            version: "\(billingVersion)"

    """
  }

  /// Line and column of `billing`'s `release:` value in ``manifest(billingRelease:billingVersion:timezone:)``.
  static let billingReleasePosition = (line: 14, column: 14)

  /// One pack, `orders-sync` only.
  static func singlePackManifest(release: String, timezone: String = "UTC") -> String {
    """
    version: 1
    timezone: \(timezone)
    packs:
      - id: \(ordersID)
        name: orders-sync
        release: \(release)
        components:
          - id: \(ordersComponent)
            version: "2.0"

    """
  }

  /// A manifest with five different mistakes, each on a known line and column.
  static let fiveMistakes = """
    version: 1
    verison: 1
    packs:
      - id: not-a-uuid
        name: orders
        release: 2026-02-30
        components:
          - id: b420a8ab-8e4e-41b2-93ce-079093a03af2
            version: "1.0"
      - id: 7d3c5a38-7f0e-4b6f-9a51-2b2e0c1d9e10
        name: orders
        installationType: multi
        release: immediately
        components:
          - id: b420a8ab-8e4e-41b2-93ce-079093a03af2
            version: "2.0"

    """

  /// (line, column, code, text the message quotes) for each mistake in ``fiveMistakes``.
  static let fiveMistakesExpected: [(line: Int, column: Int, code: String, quoted: String)] = [
    (2, 1, "unknown-key", "verison"),
    (4, 9, "invalid-uuid", "not-a-uuid"),
    (6, 14, "invalid-release", "2026-02-30"),
    (11, 11, "duplicate-pack-name", "orders"),
    (12, 23, "invalid-installation-type", "multi"),
  ]

  /// A manifest with `packs` packs of `components` components each, every pack released
  /// immediately.
  static func largeManifest(packs: Int, components: Int) -> String {
    var text = "version: 1\npacks:\n"
    text.reserveCapacity(packs * components * 90)
    for pack in 0..<packs {
      let packHex = hex(pack, width: 8)
      text += "  - id: \(packHex)-0000-4000-8000-000000000000\n"
      text += "    name: pack-\(pack)\n"
      text += "    release: immediately\n"
      text += "    components:\n"
      for component in 0..<components {
        text += "      - id: \(packHex)-\(hex(component, width: 4))-4000-8000-000000000001\n"
        text += "        version: \"1.\(component)\"\n"
      }
    }
    return text
  }

  private static func hex(_ value: Int, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  // MARK: - Lockfiles

  /// A recorded release in the lockfile's JSON shape. `releaseOnDate` nil means immediately.
  static func release(
    releaseOnDate: String? = nil, components: [(id: String, version: String)], requestId: String,
    status: String? = nil, statusMessage: String? = nil
  ) -> [String: Any] {
    var release: [String: Any] = [
      "operation": "CREATE",
      "releaseSchedule": releaseOnDate == nil ? "IMMEDIATELY" : "RELEASE_ON_SPECIFIED_DATE",
      "components": components.map { ["componentId": $0.id, "version": $0.version] },
      "requestId": requestId,
      "appliedAt": "2026-11-20T10:00:00Z",
    ]
    if let releaseOnDate { release["releaseOnDate"] = releaseOnDate }
    if let status { release["status"] = status }
    if let statusMessage { release["statusMessage"] = statusMessage }
    return release
  }

  /// A pack entry of the lockfile.
  static func pack(name: String?, release: [String: Any]) -> [String: Any] {
    var pack: [String: Any] = ["release": release, "history": [Any]()]
    if let name { pack["name"] = name }
    return pack
  }

  /// The lockfile entry matching `orders-sync` in ``manifest(billingRelease:billingVersion:timezone:)``.
  static func ordersRecorded(status: String = "SUCCESS") -> [String: Any] {
    pack(
      name: "orders-sync",
      release: release(components: [(ordersComponent, "2.0")], requestId: "release-orders-1", status: status))
  }

  /// A lockfile entry for `billing`.
  static func billingRecorded(
    releaseOnDate: String = "2026-12-20", version: String = "1.5", status: String? = "SCHEDULED",
    statusMessage: String? = nil
  ) -> [String: Any] {
    pack(
      name: "billing",
      release: release(
        releaseOnDate: releaseOnDate, components: [(billingComponent, version)], requestId: "release-billing-1",
        status: status, statusMessage: statusMessage))
  }

  /// An unresolved intent for `packId` in the lockfile's `pending` list.
  static func intent(packId: String, component: String, version: String) -> [String: Any] {
    [
      "id": "intent-1",
      "packId": packId,
      "operation": "CREATE",
      "releaseSchedule": "IMMEDIATELY",
      "components": [["componentId": component, "version": version]],
      "bodyDigest": String(repeating: "ab", count: 32),
      "createdAt": "2026-11-22T10:00:00Z",
    ]
  }

  /// A whole lockfile, written by Foundation's JSON encoder (not the tool's).
  static func lockfile(
    version: Int = 1, serial: Int = 7, packs: [String: [String: Any]] = [:], pending: [[String: Any]] = []
  ) throws -> String {
    let root: [String: Any] = [
      "version": version,
      "lineage": lineage,
      "serial": serial,
      "packs": packs,
      "pending": pending,
      "retired": [String: Any](),
      "appliedPlans": [String](),
    ]
    let data = try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// The lockfile recording exactly the releases of ``manifest(billingRelease:billingVersion:timezone:)``.
  static func matchingLockfile() throws -> String {
    try lockfile(packs: [ordersID: ordersRecorded(), billingID: billingRecorded()])
  }
}
