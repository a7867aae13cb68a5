import Foundation
import Testing

@testable import ReleaseCore

/// Loads a manifest from text, as the CLI would load `release.yaml`.
func loadManifest(_ yaml: String, limits: DecodingLimits = .standard) -> (Manifest?, [Diagnostic]) {
  ManifestLoader.load(SourceText(path: "release.yaml", bytes: Array(yaml.utf8)), limits: limits)
}

/// The manifest, failing the test with every diagnostic when it does not load.
func manifest(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Manifest {
  let (manifest, diagnostics) = loadManifest(yaml)
  let rendered = DiagnosticRenderer(sources: [SourceText(path: "release.yaml", bytes: Array(yaml.utf8))])
    .render(diagnostics)
  return try #require(manifest, "\(rendered)", sourceLocation: sourceLocation)
}

func date(_ text: String) -> CalendarDate {
  guard case .success(let date) = CalendarDate.parse(text) else {
    Issue.record("bad test date \(text)")
    return CalendarDate(daysSinceEpoch: 0)
  }
  return date
}

let packA = "f0f7face-3a9d-48b1-8a32-82b84499cd4e"
let packB = "0b2e7a52-6d0c-4c5e-9a57-0c3f1e0d9a11"
let packC = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
let componentX = "b420a8ab-8e4e-41b2-93ce-079093a03af2"
let componentY = "5d3c1f0e-1111-4a4a-8b8b-222233334444"

/// The package's root directory, for goldens and documentation files.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// Compares `actual` with the golden file `name`, or rewrites the golden when RECORD_GOLDENS=1.
func assertGolden(
  _ actual: String, named name: String, directory: String = "Tests/ReleaseCoreTests/Goldens",
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let url = packageRoot.appendingPathComponent(directory).appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(actual.utf8).write(to: url)
    return
  }
  let expected = try String(contentsOf: url, encoding: .utf8)
  #expect(
    actual == expected, "\(name) differs from its golden; re-record with RECORD_GOLDENS=1 swift test if intended",
    sourceLocation: sourceLocation)
}
