import ArgumentParser
import BoomiAPI
import Foundation

/// SIGTERM, as a CI runner sends it to a cancelled job, turned into a stop: no further call is
/// sent, calls on the wire finish and are recorded, and the run ends through its normal exits,
/// so that `--git-sync` pushes what was recorded and releases its lock (SPEC §10.3).
final class Termination: @unchecked Sendable {
  /// The exit status of a run stopped this way (128 + SIGTERM, as if it had been killed).
  static let exitCode = ExitCode(128 + SIGTERM)

  private let source: DispatchSourceSignal

  init(stop: StopSignal, console: Console) {
    signal(SIGTERM, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
    source.setEventHandler {
      guard !stop.isStopped else { return }
      stop.stop()
      console.error("SIGTERM: sending nothing more; finishing the calls on the wire and recording them\n")
    }
    source.resume()
  }

  /// Restores the default: a SIGTERM after the run ends the process.
  func cancel() {
    source.cancel()
    signal(SIGTERM, SIG_DFL)
  }
}
