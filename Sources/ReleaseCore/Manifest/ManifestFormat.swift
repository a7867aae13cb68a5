/// Manifest format version 1: every key, what it means, and how it is read.
///
/// The loader decodes with these definitions and `boomi-release schema` prints them as JSON
/// Schema, so documentation, editor support and the loader agree by construction.
public enum ManifestFormat {
  public static let version = 1

  static let uuidPattern = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
  static let datePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
  static let accountPattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$"

  public static let component = ObjectDefinition<ManifestFile.Component>(
    name: "component",
    description: "A packaged component of the pack and the version of it to release.",
    fields: [
      .init(
        "id", required: true, .string(pattern: uuidPattern, examples: ["b420a8ab-8e4e-41b2-93ce-079093a03af2"]),
        "The component's id (its primary component id, not a packageId).",
        missingHelp: "add `id:` with the component's id"
      ) { reader, event, component in component.id = reader.scalar(event, expected: "a component id") },
      .init(
        "version", required: true, .string(minLength: 1, examples: ["2.0"]),
        "The packaged component version to release, as text: `2.0` stays \"2.0\", never a number.",
        missingHelp: "add `version:` with the packaged version to release, such as `version: \"2.0\"`"
      ) { reader, event, component in component.version = reader.scalar(event, expected: "a version") },
      .init(
        "name", .string(minLength: 1, examples: ["Order Sync Process"]),
        "A label for people, shown in plans. Not sent to Boomi."
      ) { reader, event, component in component.name = reader.scalar(event, expected: "a name") },
    ])

  public static let pack = ObjectDefinition<ManifestFile.Pack>(
    name: "pack",
    description: "A publisher integration pack and the release wanted for it.",
    fields: [
      .init(
        "id", required: true, .string(pattern: uuidPattern, examples: ["f0f7face-3a9d-48b1-8a32-82b84499cd4e"]),
        "The publisher integration pack's id.",
        missingHelp: "add `id:` with the integration pack's id"
      ) { reader, event, pack in pack.id = reader.scalar(event, expected: "a pack id") },
      .init(
        "name", .string(minLength: 1, examples: ["orders-sync"]),
        "A label for people, used in output and by --target. Not sent to Boomi."
      ) { reader, event, pack in pack.name = reader.scalar(event, expected: "a name") },
      .init(
        "installationType", .enumeration(InstallationType.allCases.map(\.rawValue)),
        "The pack's installation type, checked against Boomi by `validate --remote`."
      ) { reader, event, pack in pack.installationType = reader.scalar(event, expected: "SINGLE or MULTI") },
      .init(
        "release", required: true,
        .anyOf([.enumeration(["immediately"]), .string(pattern: datePattern, format: "date", examples: ["2026-12-20"])]
        ),
        "`immediately`, or the date (yyyy-MM-dd, after today in `timezone`) to release on.",
        missingHelp: "add `release: immediately` or a date such as `release: 2026-12-20`"
      ) { reader, event, pack in pack.release = reader.scalar(event, expected: "`immediately` or a date") },
      .init(
        "components", required: true, .array(of: .object(component.schema), minItems: 1),
        "The packaged components to release and their versions.",
        missingHelp: "add `components:` with the packaged components to release"
      ) { reader, event, pack in
        var components: [ManifestFile.Component] = []
        let complete = reader.forEachElement(of: event, expected: "a list of components") { element in
          var entry = ManifestFile.Component(mark: element.mark)
          if reader.decode(component, from: element, into: &entry) { components.append(entry) }
        }
        if complete { pack.components = Located(components, at: event.mark) }
      },
    ])

  public static let root = ObjectDefinition<ManifestFile>(
    name: "manifest",
    description: "boomi-release manifest: the releases wanted for Boomi publisher integration packs.",
    extensionKeyPrefix: "x-",
    fields: [
      .init(
        "version", required: true, .integer(constant: version),
        "The manifest format version. Always 1.",
        missingHelp: "add `version: 1` as the first line", missingCode: .missingVersion
      ) { reader, event, file in file.version = reader.scalar(event, expected: "the format version") },
      .init(
        "account", .string(pattern: accountPattern, examples: ["acme-8Q78Q1"]),
        "The Boomi account id. Optional; else BOOMI_ACCOUNT_ID. When both are set they must agree."
      ) { reader, event, file in file.account = reader.scalar(event, expected: "an account id") },
      .init(
        "timezone", .string(examples: ["America/New_York"]),
        "IANA time zone of the Boomi user's settings; \"today\" for date checks is computed in it. Default UTC."
      ) { reader, event, file in file.timezone = reader.scalar(event, expected: "a time zone name") },
      .init(
        "packs", required: true, .array(of: .object(pack.schema)),
        "The integration packs this manifest manages.",
        missingHelp: "add `packs:` with a list of integration packs"
      ) { reader, event, file in
        var packs: [ManifestFile.Pack] = []
        let complete = reader.forEachElement(of: event, expected: "a list of packs") { element in
          var entry = ManifestFile.Pack(mark: element.mark)
          if reader.decode(pack, from: element, into: &entry) { packs.append(entry) }
        }
        if complete { file.packs = Located(packs, at: event.mark) }
      },
    ])
}
