/// Judges a manifest against what Boomi says (SPEC §3.4): each pack exists, each component
/// belongs to its pack, each version is a shareable, non-deleted packaged version, and the
/// installation type matches. Pure: the facts are fetched elsewhere.
public enum RemoteChecks {
  public static func diagnose(_ manifest: Manifest, against facts: RemoteFacts, account: String) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    func report(_ code: DiagnosticCode, _ message: String, at mark: SourceMark, help: String? = nil) {
      diagnostics.append(.error(code, message, file: manifest.path, at: mark, help: help))
    }
    for pack in manifest.packs {
      guard let remote = facts.packs[pack.id] else {
        report(
          .unknownPack, "account \(account) has no publisher integration pack \(pack.id)", at: pack.marks.id,
          help: "check the id in Boomi under Integration Packs, and the account")
        continue
      }
      if let wanted = pack.installationType, let actual = remote.installationType, wanted.rawValue != actual,
        let mark = pack.marks.installationType
      {
        report(
          .installationTypeMismatch, "the pack is \(actual) in Boomi, not \(wanted.rawValue)", at: mark,
          help: "write `installationType: \(actual)`, or remove the key")
      }
      for component in pack.components {
        let label = component.name.map { "'\($0)' (\(component.id))" } ?? component.id
        switch remote.components[component.id] {
        case nil:
          report(
            .componentNotInPack, "component \(label) is not a packaged component of \(remote.name ?? pack.label)",
            at: component.idMark, help: "add it to the pack in Boomi first, or remove it from the manifest")
          continue
        case true?:
          report(
            .componentNotInPack, "component \(label) is marked for removal from \(remote.name ?? pack.label)",
            at: component.idMark)
          continue
        case false?:
          break
        }
        let versions = facts.versions[component.id] ?? []
        let wanted = component.version
        let usable = versions.filter { $0.shareable && !$0.deleted }.map(\.version)
        guard !usable.contains(wanted) else { continue }
        let reason: String =
          if let found = versions.first(where: { $0.version == wanted }) {
            found.deleted ? "it was deleted" : "it is not shareable"
          } else {
            "no such packaged version exists"
          }
        report(
          .unknownVersion, "version \(wanted) of component \(label) cannot be released: \(reason)",
          at: component.versionMark,
          help: usable.isEmpty
            ? "package a shareable version of the component first"
            : "shareable versions: \(VersionOrder.sorted(usable).joined(separator: ", "))")
      }
    }
    return diagnostics
  }
}
