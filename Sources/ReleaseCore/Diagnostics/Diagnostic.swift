/// A problem found in one of the user's files, located precisely enough to point a caret at it.
///
/// Problems in input are values, collected and reported together; they are never thrown one at a
/// time. Operational failures (I/O, network) are thrown errors instead.
public struct Diagnostic: Hashable, Sendable {
  public enum Severity: String, Sendable, Comparable {
    case error
    case warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
      lhs == .error && rhs == .warning
    }
  }

  public var severity: Severity
  public var code: DiagnosticCode
  public var message: String
  public var file: String
  public var mark: SourceMark
  /// A suggested fix, shown as `help:` under the caret.
  public var help: String?

  public init(
    _ severity: Severity, _ code: DiagnosticCode, _ message: String, file: String, at mark: SourceMark,
    help: String? = nil
  ) {
    self.severity = severity
    self.code = code
    self.message = message
    self.file = file
    self.mark = mark
    self.help = help
  }

  public static func error(
    _ code: DiagnosticCode, _ message: String, file: String, at mark: SourceMark, help: String? = nil
  ) -> Diagnostic {
    Diagnostic(.error, code, message, file: file, at: mark, help: help)
  }

  /// A file written in a format version this tool does not read, named in the message.
  public static func unsupportedVersion(
    of kind: String, found: Int, supported: Int, file: String, at mark: SourceMark
  ) -> Diagnostic {
    .error(
      .unsupportedVersion,
      "\(kind) format version \(found) is not supported; this boomi-release reads version \(supported)",
      file: file, at: mark,
      help: found > supported ? "upgrade boomi-release; the \(kind) was written by a newer version" : nil)
  }

  /// A file larger than the tool reads, reported at its start.
  public static func fileTooLarge(file: String, size: Int, limit: Int) -> Diagnostic {
    .error(.fileTooLarge, "the file is \(size) bytes; the most read is \(limit)", file: file, at: .start)
  }

  public var line: Int { mark.line }
  public var column: Int { mark.column }
}

extension Sequence<Diagnostic> {
  public var containsErrors: Bool { contains { $0.severity == .error } }

  /// The diagnostics in reading order: by file, then position, then code, so output is stable.
  public func sortedForDisplay() -> [Diagnostic] {
    sorted {
      ($0.file, $0.mark.line, $0.mark.column, $0.code.rawValue)
        < ($1.file, $1.mark.line, $1.mark.column, $1.code.rawValue)
    }
  }
}
