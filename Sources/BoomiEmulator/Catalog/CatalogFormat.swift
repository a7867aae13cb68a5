import ReleaseCore

/// The catalog file's keys, what each means and how each is read, as ReleaseCore
/// ``ObjectDefinition``s: unknown, duplicate and missing keys and wrong types are reported with
/// their line and column, like the manifest's.
enum CatalogFormat {
  static let version = ObjectDefinition<CatalogFile.Version>(
    name: "packaged version",
    description: "One packaged version of a component (Boomi's PackagedComponent).",
    fields: [
      .init(
        "packageId", required: true, .string(minLength: 1), "The packaged component's id.",
        missingHelp: "add `packageId:` with the packaged component's id"
      ) { reader, event, version in version.packageId = reader.string(event, expected: "a packageId") },
      .init(
        "packageVersion", required: true, .string(minLength: 1), "The version, as text (\"2.0\").",
        missingHelp: "add `packageVersion:`, such as `packageVersion: \"2.0\"`"
      ) { reader, event, version in version.packageVersion = reader.string(event, expected: "a packageVersion") },
      .init("shareable", .boolean, "Whether the package may go into an integration pack. Default true.") {
        reader, event, version in version.shareable = reader.boolean(event)
      },
      .init("deleted", .boolean, "Whether the package was deleted. Default false.") { reader, event, version in
        version.deleted = reader.boolean(event)
      },
      .init("componentVersion", .string(), "The component revision that was packaged.") { reader, event, version in
        version.componentVersion = reader.string(event, expected: "a componentVersion")
      },
      .init("createdBy", .string(), "Who created the package.") { reader, event, version in
        version.createdBy = reader.string(event, expected: "a user name")
      },
      .init("createdDate", .string(format: "date-time"), "When, yyyy-MM-ddTHH:mm:ssZ.") { reader, event, version in
        version.createdDate = reader.string(event, expected: "a date-time")
      },
      .init("notes", .string(), "Free text.") { reader, event, version in
        version.notes = reader.string(event, expected: "notes")
      },
    ])

  static let component = ObjectDefinition<CatalogFile.Component>(
    name: "component",
    description: "A component of an integration pack and its packaged versions.",
    fields: [
      .init(
        "componentId", required: true, .string(minLength: 1), "The primary component's id.",
        missingHelp: "add `componentId:`"
      ) { reader, event, component in component.componentId = reader.string(event, expected: "a componentId") },
      .init("componentName", .string(), "The component's name. Default: its id.") { reader, event, component in
        component.componentName = reader.string(event, expected: "a componentName")
      },
      .init("componentType", .string(), "The component's type. Default `process`.") { reader, event, component in
        component.componentType = reader.string(event, expected: "a componentType")
      },
      .init("currentVersion", .string(), "The version already released in the pack at start, if any.") {
        reader, event, component in component.currentVersion = reader.string(event, expected: "a version")
      },
      .init(
        "versions", required: true, .array(of: .object(version.schema)), "The component's packaged versions.",
        missingHelp: "add `versions:` with the component's packaged versions (it may be empty: `versions: []`)"
      ) { reader, event, component in
        var versions: [CatalogFile.Version] = []
        let complete = reader.forEachElement(of: event, expected: "a list of packaged versions") { element in
          var entry = CatalogFile.Version(mark: element.mark)
          if reader.decode(version, from: element, into: &entry) { versions.append(entry) }
        }
        if complete { component.versions = Located(versions, at: event.mark) }
      },
    ])

  static let pack = ObjectDefinition<CatalogFile.Pack>(
    name: "pack",
    description: "A publisher integration pack.",
    fields: [
      .init(
        "id", required: true, .string(minLength: 1), "The integration pack's id.",
        missingHelp: "add `id:` with the integration pack's id"
      ) { reader, event, pack in pack.id = reader.string(event, expected: "a pack id") },
      .init(
        "name", required: true, .string(minLength: 1), "The integration pack's name.",
        missingHelp: "add `name:`"
      ) { reader, event, pack in pack.name = reader.string(event, expected: "a name") },
      .init(
        "installationType", required: true, .enumeration(["SINGLE", "MULTI"]), "SINGLE or MULTI.",
        missingHelp: "add `installationType: MULTI` (or SINGLE)"
      ) { reader, event, pack in pack.installationType = reader.string(event, expected: "SINGLE or MULTI") },
      .init("Description", .string(), "Boomi's Description of the pack. Default empty.") { reader, event, pack in
        pack.description = reader.string(event, expected: "a description")
      },
      .init(
        "components", required: true, .array(of: .object(component.schema)), "The pack's components.",
        missingHelp: "add `components:` (it may be empty: `components: []`)"
      ) { reader, event, pack in
        var components: [CatalogFile.Component] = []
        let complete = reader.forEachElement(of: event, expected: "a list of components") { element in
          var entry = CatalogFile.Component(mark: element.mark)
          if reader.decode(component, from: element, into: &entry) { components.append(entry) }
        }
        if complete { pack.components = Located(components, at: event.mark) }
      },
    ])

  static let root = ObjectDefinition<CatalogFile>(
    name: "catalog",
    description: "boomi-emulator catalog: the packs and packaged components the emulator serves.",
    fields: [
      .init(
        "packs", required: true, .array(of: .object(pack.schema)), "The publisher integration packs.",
        missingHelp: "add `packs:` with a list of integration packs"
      ) { reader, event, file in
        var packs: [CatalogFile.Pack] = []
        let complete = reader.forEachElement(of: event, expected: "a list of packs") { element in
          var entry = CatalogFile.Pack(mark: element.mark)
          if reader.decode(pack, from: element, into: &entry) { packs.append(entry) }
        }
        if complete { file.packs = Located(packs, at: event.mark) }
      }
    ])
}
