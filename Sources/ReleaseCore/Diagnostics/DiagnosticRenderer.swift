import SafeText

/// Renders diagnostics the way compilers do: location, severity, message and code, then the
/// source line with a caret under the column, then any `help:`.
public struct DiagnosticRenderer: Sendable {
  public var sources: [String: SourceText]
  public var style: TerminalStyle

  public init(sources: [SourceText], style: TerminalStyle = .plain) {
    self.sources = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    self.style = style
  }

  /// Each diagnostic in turn. Each file's lines are indexed once, so rendering is linear in the
  /// number of diagnostics and the size of the files, however many there are.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    var indexes: [String: LineIndex] = [:]
    var out = ""
    for diagnostic in diagnostics {
      let file = diagnostic.file
      if indexes[file] == nil, let source = sources[file] { indexes[file] = source.lineIndex() }
      out += render(diagnostic, line: indexes[file]?.line(diagnostic.line))
    }
    return out
  }

  public func render(_ diagnostic: Diagnostic) -> String {
    render(diagnostic, line: sources[diagnostic.file]?.line(diagnostic.line))
  }

  /// `diagnostic`, quoting `text`, the line it points at.
  private func render(_ diagnostic: Diagnostic, line text: String?) -> String {
    let severity =
      switch diagnostic.severity {
      case .error: style.apply("error:", .bold, .red)
      case .warning: style.apply("warning:", .bold, .yellow)
      }
    // A message quotes what the file holds (a key, a value): one line, nothing a terminal acts on.
    var out =
      style.apply("\(diagnostic.file):\(diagnostic.line):\(diagnostic.column):", .bold)
      + " \(severity) " + style.apply(ControlCharacters.escaped(diagnostic.message), .bold)
      + " [\(diagnostic.code.rawValue)]\n"
    if let text {
      let (shown, caretColumn) = Self.excerpt(of: text, around: diagnostic.column)
      let number = String(diagnostic.line)
      let gutter = String(repeating: " ", count: number.count)
      out += " \(style.apply(number, .blue)) \(style.apply("|", .blue)) \(shown)\n"
      out +=
        " \(gutter) \(style.apply("|", .blue)) "
        + String(repeating: " ", count: caretColumn - 1) + style.apply("^", .bold, .green) + "\n"
    }
    if let help = diagnostic.help {
      out += style.apply("help:", .bold, .cyan) + " \(ControlCharacters.escaped(help))\n"
    }
    return out
  }

  /// The line as it is shown (tabs as single spaces, so the caret lines up; very long lines cut
  /// to a window around the column) and the caret's column within what is shown.
  static func excerpt(of line: String, around column: Int) -> (String, Int) {
    // Tabs show as one space so the caret lines up; other control characters (and a byte
    // order mark) as visible symbols, so a terminal shows them instead of acting on them.
    var characters = Array(
      line.unicodeScalars.map { scalar -> Character in
        switch scalar.value {
        case 0x09: " "
        case 0xFEFF: "\u{2060}"
        default: Character(ControlCharacters.isControl(scalar) ? ControlCharacters.visible(scalar) : scalar)
        }
      })
    var caret = max(1, min(column, characters.count + 1))
    let window = 120
    if characters.count > window {
      let start = max(0, min(caret - 1 - window / 2, characters.count - window))
      let end = min(characters.count, start + window)
      var cut = Array(characters[start..<end])
      caret -= start
      if start > 0 {
        cut.insert("…", at: 0)
        caret += 1
      }
      if end < characters.count { cut.append("…") }
      characters = cut
    }
    return (String(characters), caret)
  }
}
