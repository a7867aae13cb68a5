import ArgumentParser
import BoomiAPI
import Foundation
import ReleaseCore
import SafeText

/// Where output goes: results to stdout, diagnostics and progress to stderr (SPEC §2).
///
/// Everything written passes through the same two steps: the environment's secrets are masked
/// (``Redactor/forEnvironment(_:)``), and ``TerminalOutput/sanitize(_:)`` lets no control
/// character or CI workflow command through, whoever composed the text.
struct Console: Sendable {
  var outStyle: TerminalStyle
  var errorStyle: TerminalStyle
  private let redactor: Redactor

  init(color: ColorChoice, environment: [String: String] = ProcessInfo.processInfo.environment) {
    outStyle = TerminalStyle(isEnabled: color.isEnabled(forDescriptor: STDOUT_FILENO, environment: environment))
    errorStyle = TerminalStyle(isEnabled: color.isEnabled(forDescriptor: STDERR_FILENO, environment: environment))
    redactor = .forEnvironment(environment)
  }

  func out(_ text: String) {
    Self.emit(shown(text), to: STDOUT_FILENO)
  }

  func error(_ text: String) {
    Self.emit(shown(text), to: STDERR_FILENO)
  }

  /// Writes all of `text`, or as much as the descriptor takes: a closed pipe or a full disk
  /// under stdout must not stop a run that is recording releases.
  private static func emit(_ text: String, to descriptor: Int32) {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if written < 0, errno == EINTR { continue }
      guard written > 0 else { return }
      offset += written
    }
  }

  /// What may be written of `text`.
  func shown(_ text: String) -> String {
    TerminalOutput.sanitize(redactor.redact(text))
  }
}

/// `--color`: colour on a terminal by default, never when `NO_COLOR` is set, unless forced.
enum ColorChoice: String, CaseIterable, Sendable {
  case auto
  case always
  case never

  func isEnabled(forDescriptor descriptor: Int32, environment: [String: String]) -> Bool {
    switch self {
    case .always: true
    case .never: false
    case .auto:
      isatty(descriptor) == 1 && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
  }
}

extension ColorChoice: ExpressibleByArgument {}

/// `--format`.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
  case text
  case json
  case markdown
}
