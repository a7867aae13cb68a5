import Foundation
import ReleaseCore
import ReleaseEngine
import Synchronization

/// Apply's progress on stderr (SPEC §6.2): on a terminal, a live line naming the packs in
/// flight under the finished ones; elsewhere (CI logs), one plain line per event.
final class ProgressPrinter: Sendable {
  private let console: Console
  private let live: Bool
  private let total: Int
  private let state = Mutex((finished: 0, inFlight: [String]()))

  init(console: Console, total: Int, isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
    self.console = console
    self.total = total
    self.live = isTerminal
  }

  func report(_ progress: CallExecutor.Progress) {
    let style = console.errorStyle
    var text = ""
    state.withLock { state in
      switch progress {
      case .started(let call):
        state.inFlight.append(call.label)
        if !live { text = "\(call.label): sending \(call.operation.rawValue)\n" }
      case .finished(let call, let outcome):
        let label = call.label
        let operation = call.operation.rawValue
        state.inFlight.removeAll { $0 == label }
        state.finished += 1
        let line: String =
          switch outcome {
          case .released(let requestId):
            "\(style.apply("✓", .green)) \(label): \(operation) accepted, \(requestId)"
          case .unrecorded(let requestId, _):
            "\(style.apply("!", .bold, .red)) \(label): \(operation) accepted, \(requestId), NOT RECORDED"
          case .failed(let message):
            "\(style.apply("✗", .red)) \(label): \(operation) failed: \(message)"
          case .unknown(let reason):
            "\(style.apply("?", .yellow)) \(label): \(operation) outcome unknown: \(reason)"
          case .notSent(let reason):
            "\(style.apply("-", .dim)) \(label): \(operation) \(reason)"
          }
        text = live ? "\r\u{1B}[2K" + line + "\n" : line + "\n"
      }
      if live {
        let flying = state.inFlight.prefix(3).joined(separator: ", ") + (state.inFlight.count > 3 ? ", …" : "")
        text += "\r\u{1B}[2K[\(state.finished)/\(total)] \(flying.isEmpty ? "" : "sending: " + flying)"
      }
    }
    console.error(text)
  }

  /// Ends the live line.
  func finish() {
    if live { console.error("\r\u{1B}[2K") }
  }
}
