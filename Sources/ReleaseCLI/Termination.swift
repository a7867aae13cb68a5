import ArgumentParser
import Foundation
import ReleaseEngine

/// SIGTERM (and SIGINT), as a CI runner sends them to a cancelled job, turned into a stop: no further call is
/// sent, calls on the wire finish and are recorded, and the run ends through its normal exits,
/// so that `--git-sync` pushes what was recorded and releases its lock (SPEC §10.3).
final class Termination: @unchecked Sendable {
  /// The exit status of a run stopped this way (128 + SIGTERM, as if it had been killed).
  static let exitCode = ExitCode(128 + SIGTERM)

  private let sources: [DispatchSourceSignal]
  private let signals: [Int32]

  /// SIGTERM always; SIGINT too when stdin is not a terminal (a CI runner cancelling a job sends
  /// it first), so that Ctrl-C at apply's question still ends the process at once.
  init(stop: StopSignal, console: Console) {
    signals = isatty(STDIN_FILENO) == 1 ? [SIGTERM] : [SIGTERM, SIGINT]
    sources = signals.map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      let name = number == SIGINT ? "SIGINT" : "SIGTERM"
      source.setEventHandler {
        guard !stop.isStopped else { return }
        stop.stop()
        console.error("\(name): sending nothing more; finishing the calls on the wire and recording them\n")
      }
      source.resume()
      return source
    }
  }

  /// Restores the default: a signal after the run ends the process.
  func cancel() {
    for source in sources { source.cancel() }
    for number in signals { signal(number, SIG_DFL) }
  }
}
