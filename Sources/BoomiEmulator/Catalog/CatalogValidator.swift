import Foundation
import ReleaseCore

/// Checks a decoded ``CatalogFile`` value by value and builds the ``Catalog`` it describes.
///
/// Every problem is collected with its position; a catalog comes back only when there are none.
struct CatalogValidator {
  let path: String
  private(set) var diagnostics: [Diagnostic] = []

  static func validate(_ file: CatalogFile, path: String) -> (Catalog?, [Diagnostic]) {
    var validator = CatalogValidator(path: path)
    let catalog = validator.check(file)
    return (validator.diagnostics.containsErrors ? nil : catalog, validator.diagnostics)
  }

  private mutating func report(_ code: DiagnosticCode, _ message: String, at mark: SourceMark, help: String? = nil) {
    diagnostics.append(.error(code, message, file: path, at: mark, help: help))
  }

  /// Where a packaged component was first described, to check that repeats agree.
  private struct PackageSeen {
    var componentId: String
    var packageVersion: String
    var mark: SourceMark
  }

  private mutating func check(_ file: CatalogFile) -> Catalog {
    var packs: [Catalog.Pack] = []
    var packIDs: [String: SourceMark] = [:]
    var packages: [String: PackageSeen] = [:]
    var versionPackages: [String: (packageId: String, mark: SourceMark)] = [:]
    var pendingCurrent: [(componentId: String, version: Located<String>)] = []
    for entry in file.packs?.value ?? [] {
      let id = nonEmpty(entry.id, what: "a pack id")
      if let id, let mark = entry.id?.mark {
        if let first = packIDs[id] {
          report(
            .duplicatePackID, "pack \(id) is listed twice (first at \(first))", at: mark,
            help: "list each integration pack once")
        } else {
          packIDs[id] = mark
        }
      }
      let name = nonEmpty(entry.name, what: "a name")
      if let type = entry.installationType, type.value != "SINGLE", type.value != "MULTI" {
        report(
          .invalidInstallationType, "'\(type.value)' is not an installationType (SINGLE, MULTI)", at: type.mark,
          help: type.value.uppercased() == "SINGLE" || type.value.uppercased() == "MULTI"
            ? "write it in capitals: \(type.value.uppercased())" : nil)
      }
      var components: [Catalog.Component] = []
      var componentIDs: [String: SourceMark] = [:]
      for componentEntry in entry.components?.value ?? [] {
        guard let componentId = nonEmpty(componentEntry.componentId, what: "a componentId"),
          let idMark = componentEntry.componentId?.mark
        else { continue }
        if let first = componentIDs[componentId] {
          report(
            .duplicateComponent, "component \(componentId) is listed twice in this pack (first at \(first))",
            at: idMark, help: "list each component once per pack, with all of its versions")
          continue
        }
        componentIDs[componentId] = idMark
        var versions: [Catalog.PackagedVersion] = []
        var seenVersions: [String: SourceMark] = [:]
        for versionEntry in componentEntry.versions?.value ?? [] {
          guard let packageId = nonEmpty(versionEntry.packageId, what: "a packageId"),
            let packageVersion = nonEmpty(versionEntry.packageVersion, what: "a packageVersion"),
            let versionMark = versionEntry.packageVersion?.mark, let packageMark = versionEntry.packageId?.mark
          else { continue }
          if let first = seenVersions[packageVersion] {
            report(
              .invalidValue,
              "version \(packageVersion) of component \(componentId) is listed twice (first at \(first))",
              at: versionMark)
            continue
          }
          seenVersions[packageVersion] = versionMark
          if let seen = packages[packageId] {
            if seen.componentId != componentId || seen.packageVersion != packageVersion {
              report(
                .invalidValue,
                "packageId \(packageId) is already version \(seen.packageVersion) of component \(seen.componentId) (at \(seen.mark))",
                at: packageMark, help: "each packaged component has its own packageId")
              continue
            }
          } else {
            packages[packageId] = PackageSeen(
              componentId: componentId, packageVersion: packageVersion, mark: packageMark)
          }
          let versionKey = componentId + "\u{0}" + packageVersion
          if let first = versionPackages[versionKey], first.packageId != packageId {
            report(
              .invalidValue,
              "version \(packageVersion) of component \(componentId) already has packageId \(first.packageId) (at \(first.mark))",
              at: packageMark, help: "a component has one packaged component per version")
            continue
          }
          versionPackages[versionKey] = (packageId, packageMark)
          versions.append(
            Catalog.PackagedVersion(
              packageId: packageId, packageVersion: packageVersion, shareable: versionEntry.shareable?.value ?? true,
              deleted: versionEntry.deleted?.value ?? false, componentVersion: versionEntry.componentVersion?.value,
              createdBy: versionEntry.createdBy?.value, createdDate: versionEntry.createdDate?.value,
              notes: versionEntry.notes?.value))
        }
        let current = nonEmpty(componentEntry.currentVersion, what: "a currentVersion")
        if let current, let mark = componentEntry.currentVersion?.mark {
          pendingCurrent.append((componentId, Located(current, at: mark)))
        }
        components.append(
          Catalog.Component(
            componentId: componentId, componentName: componentEntry.componentName?.value ?? componentId,
            componentType: componentEntry.componentType?.value ?? "process", currentVersion: current,
            versions: versions))
      }
      if let id, let name {
        packs.append(
          Catalog.Pack(
            id: id, name: name, installationType: entry.installationType?.value ?? "MULTI",
            description: entry.description?.value ?? "", components: components))
      }
    }
    // A current version may be any packaged version of the component, listed in any pack.
    for (componentId, version) in pendingCurrent
    where versionPackages[componentId + "\u{0}" + version.value] == nil {
      report(
        .invalidValue, "currentVersion \(version.value) is not a packaged version of component \(componentId)",
        at: version.mark, help: "add it to `versions:` or remove `currentVersion:`")
    }
    return Catalog(packs: packs)
  }

  /// The text of a string value, or `nil` (reported) when it is empty. Missing keys and wrong
  /// types were reported by the decoder.
  private mutating func nonEmpty(_ value: Located<String>?, what: String) -> String? {
    guard let value else { return nil }
    guard !value.value.trimmingCharacters(in: .whitespaces).isEmpty else {
      report(.emptyValue, "expected \(what), found an empty string", at: value.mark)
      return nil
    }
    return value.value
  }
}
