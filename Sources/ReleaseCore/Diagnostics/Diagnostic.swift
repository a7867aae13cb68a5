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

  /// What stands for the problems of a file beyond the first `limit`: their number, at the
  /// file's start, so that it is read first.
  public static func omitted(_ count: Int, after limit: Int, file: String) -> Diagnostic {
    .error(
      .tooManyProblems,
      "\(count) more problem\(count == 1 ? " is" : "s are") in this file than the \(limit) listed", file: file,
      at: .start, help: "fix the problems listed and run again")
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

/// Collects one file's diagnostics up to a limit and counts the rest, so that a file of millions
/// of mistakes costs bounded memory and still says how many there are.
struct DiagnosticCollector {
  let limit: Int
  private(set) var kept: [Diagnostic] = []
  private var omitted = 0
  private var file: String?

  init(limit: Int) {
    self.limit = max(1, limit)
  }

  mutating func append(_ diagnostic: Diagnostic) {
    guard kept.count < limit else {
      omitted += 1
      file = diagnostic.file
      return
    }
    kept.append(diagnostic)
  }

  /// Everything kept, then one diagnostic counting what was not.
  var all: [Diagnostic] {
    guard let file else { return kept }
    return kept + [.omitted(omitted, after: limit, file: file)]
  }
}
