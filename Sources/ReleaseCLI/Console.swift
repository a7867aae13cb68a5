import ArgumentParser
import Foundation
import ReleaseCore

/// Where output goes: results to stdout, diagnostics and progress to stderr (SPEC §2).
struct Console: Sendable {
  var outStyle: TerminalStyle
  var errorStyle: TerminalStyle

  init(color: ColorChoice, environment: [String: String] = ProcessInfo.processInfo.environment) {
    outStyle = TerminalStyle(isEnabled: color.isEnabled(forDescriptor: STDOUT_FILENO, environment: environment))
    errorStyle = TerminalStyle(isEnabled: color.isEnabled(forDescriptor: STDERR_FILENO, environment: environment))
  }

  func out(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  func error(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
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
