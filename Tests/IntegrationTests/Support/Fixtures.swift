import Foundation
import TestSupport

/// A pack of a generated catalog and manifest: one component, a few packaged versions.
struct TestPack: Sendable {
  var id: String
  var name: String
  var componentId: String
  /// Shareable, non-deleted packaged versions.
  var versions: [String]
  /// What the manifest releases.
  var version: String
  /// `immediately` or a date.
  var release: String

  /// `count` packs named `pack-001`…, each releasing version 1.0 of its component immediately;
  /// versions 1.0 to 1.3 exist.
  static func many(_ count: Int, release: String = "immediately") -> [TestPack] {
    (1...count).map { index in
      TestPack(
        id: UUID().uuidString.lowercased(), name: String(format: "pack-%03d", index),
        componentId: UUID().uuidString.lowercased(), versions: ["1.0", "1.1", "1.2", "1.3"], version: "1.0",
        release: release)
    }
  }
}

enum Fixtures {
  /// An emulator catalog (JSON, the shape of SPEC §8) holding `packs`.
  static func catalog(_ packs: [TestPack]) throws -> String {
    let object: [String: Any] = [
      "packs": packs.map { pack -> [String: Any] in
        [
          "id": pack.id, "name": pack.name, "installationType": "MULTI",
          "components": [
            [
              "componentId": pack.componentId, "componentName": "\(pack.name) process", "componentType": "process",
              "versions": pack.versions.map { version -> [String: Any] in
                [
                  "packageId": UUID().uuidString.lowercased(), "packageVersion": version, "shareable": true,
                  "deleted": false,
                ]
              },
            ] as [String: Any]
          ],
        ]
      }
    ]
    let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }

  /// A manifest (format 1) releasing `packs` in the emulator's account.
  static func manifest(_ packs: [TestPack]) -> String {
    var text = "version: 1\naccount: \(EmulatorProcess.account)\npacks:\n"
    for pack in packs {
      text += """
          - id: \(pack.id)
            name: \(pack.name)
            release: \(pack.release)
            components:
              - id: \(pack.componentId)
                version: "\(pack.version)"

        """
    }
    return text
  }

  /// The example manifest `manifests/release.yaml` of the repository, which the emulator's
  /// built-in demo catalog matches.
  static func exampleManifest() throws -> String {
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    for _ in 0..<6 {
      let candidate = directory.appendingPathComponent("manifests/release.yaml")
      if FileManager.default.fileExists(atPath: candidate.path) {
        return String(decoding: try Data(contentsOf: candidate), as: UTF8.self)
      }
      directory = directory.deletingLastPathComponent()
    }
    throw HarnessError("manifests/release.yaml not found above \(#filePath)")
  }
}
