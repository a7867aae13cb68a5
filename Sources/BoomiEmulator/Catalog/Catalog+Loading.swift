import FileSystem
import Foundation
import ReleaseCore

extension Catalog {
  /// Decodes a catalog from JSON or YAML through ReleaseCore's positioned decoder. Returns the
  /// catalog, or `nil` when there is any error; the diagnostics say where and why either way.
  public static func decode(_ source: SourceText, as syntax: DocumentReader.Syntax) -> (Catalog?, [Diagnostic]) {
    let (file, readProblems) = DocumentReader.read(
      source, as: syntax, definition: CatalogFormat.root, makeRoot: CatalogFile.init(mark:))
    guard let file else { return (nil, readProblems.sortedForDisplay()) }
    let (catalog, problems) = CatalogValidator.validate(file, path: source.path)
    let all = (readProblems + problems).sortedForDisplay()
    return (all.containsErrors ? nil : catalog, all)
  }

  /// Reads the catalog file at `path`: JSON when its name ends in `.json`, YAML otherwise.
  /// Throws ``CatalogLoadError`` with compiler-style diagnostics when the file is unusable.
  public static func load(contentsOf path: String) throws(CatalogLoadError) -> Catalog {
    let bytes: [UInt8]
    do {
      bytes = try AtomicFile.read(path, maximumBytes: DecodingLimits.standard.maxFileBytes)
    } catch {
      let problem: Diagnostic
      if case .tooLarge(let size, let limit) = error.reason {
        problem = .fileTooLarge(file: path, size: size, limit: limit)
      } else {
        throw CatalogLoadError(path: path, diagnostics: [], rendered: "cannot read the catalog: \(error)\n")
      }
      throw CatalogLoadError(
        path: path, diagnostics: [problem], rendered: DiagnosticRenderer(sources: []).render([problem]))
    }
    let source = SourceText(path: path, bytes: bytes)
    let syntax: DocumentReader.Syntax = path.lowercased().hasSuffix(".json") ? .json : .yaml
    let (catalog, diagnostics) = decode(source, as: syntax)
    if let catalog { return catalog }
    let rendered = DiagnosticRenderer(sources: [source]).render(diagnostics.filter { $0.severity == .error })
    throw CatalogLoadError(path: path, diagnostics: diagnostics, rendered: rendered)
  }
}

/// A catalog file that could not be read or has errors; `rendered` shows each error with its
/// line, column and caret.
public struct CatalogLoadError: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var diagnostics: [Diagnostic]
  public var rendered: String

  public var description: String { rendered }
}
