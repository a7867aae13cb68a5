/// Loads a manifest: libyaml events → ``ManifestFile`` → checked ``Manifest``.
public enum ManifestLoader {
  /// The manifest, or `nil` when there is any error; diagnostics either way, in reading order.
  public static func load(_ source: SourceText, limits: DecodingLimits = .standard) -> (Manifest?, [Diagnostic]) {
    let (file, readProblems) = DocumentReader.read(
      source, as: .yaml, definition: ManifestFormat.root, limits: limits, makeRoot: ManifestFile.init(mark:))
    guard let file else { return (nil, readProblems.sortedForDisplay()) }
    let (manifest, problems) = ManifestValidator.validate(file, path: source.path, limits: limits)
    let all = (readProblems + problems).sortedForDisplay()
    return (all.containsErrors ? nil : manifest, all)
  }
}
