import ReleaseCore

/// Prints diagnostics in the chosen format: compiler-style text on stderr, or JSON on stdout
/// (`{file, line, column, severity, code, message, help}`), or a Markdown block on stdout for a
/// pull-request comment as well as the text on stderr.
struct DiagnosticsReport {
  var console: Console
  var format: OutputFormat
  var sources: [SourceText]

  /// The most diagnostics shown as text: a file with thousands of mistakes shows the first ones
  /// and says how many more there are (`--format json` lists them all).
  static let shownAsText = 100

  func print(_ diagnostics: [Diagnostic]) {
    let sorted = diagnostics.sortedForDisplay()
    let shown = Array(sorted.prefix(Self.shownAsText))
    let more =
      sorted.count > shown.count
      ? "… and \(sorted.count - shown.count) more not shown; fix these first, or list them all with --format json\n"
      : ""
    switch format {
    case .json:
      console.out(Self.json(sorted).prettyPrinted())
    case .markdown:
      guard !sorted.isEmpty else { return }
      let plain = DiagnosticRenderer(sources: sources, style: .plain).render(shown)
      console.out("### boomi-release found problems\n\n```\n\(plain)\(more)```\n")
      console.error(DiagnosticRenderer(sources: sources, style: console.errorStyle).render(shown) + more)
    case .text:
      guard !sorted.isEmpty else { return }
      console.error(DiagnosticRenderer(sources: sources, style: console.errorStyle).render(shown) + more)
      console.error(Self.tally(sorted) + "\n")
    }
  }

  /// "2 errors, 1 warning".
  static func tally(_ diagnostics: [Diagnostic]) -> String {
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.count - errors
    var parts: [String] = []
    if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
    if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
    return parts.joined(separator: ", ")
  }

  static func json(_ diagnostics: [Diagnostic]) -> JSONValue {
    .object(["valid": .bool(!diagnostics.containsErrors), "diagnostics": jsonList(diagnostics)])
  }

  static func jsonList(_ diagnostics: [Diagnostic]) -> JSONValue {
    .array(
      diagnostics.map {
        .object(dropping: [
          "file": .string($0.file), "line": .int($0.line), "column": .int($0.column),
          "severity": .string($0.severity.rawValue), "code": .string($0.code.rawValue),
          "message": .string($0.message), "help": $0.help.map(JSONValue.string),
        ])
      })
  }
}
