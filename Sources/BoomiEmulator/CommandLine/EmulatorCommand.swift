import Foundation
import UnixSignals

/// The `boomi-emulator` executable: parse the arguments, load the catalog, serve until SIGTERM
/// or SIGINT. Its `main.swift` only calls ``run(arguments:environment:)`` and exits.
public enum EmulatorCommand {
  /// Exit codes: 0 after a clean stop (or `--help`), 1 when the catalog, state file or address
  /// is unusable, 64 on a bad command line.
  public static func run(arguments: [String], environment: [String: String]) async -> Int32 {
    let parsed: EmulatorArguments
    do {
      parsed = try EmulatorArguments.parse(arguments, environment: environment)
    } catch {
      writeError("boomi-emulator: \(error.description)\n\n\(EmulatorArguments.usage)\n")
      return 64
    }
    if parsed.showHelp {
      writeOut(EmulatorArguments.usage + "\n")
      return 0
    }
    var configuration = parsed.configuration
    if let path = parsed.catalogPath {
      do {
        configuration.catalog = try Catalog.load(contentsOf: path)
      } catch {
        let summary = error.diagnostics.isEmpty ? "" : "boomi-emulator: the catalog \(path) has errors\n"
        writeError(error.rendered + summary)
        return 1
      }
    }
    // Trap the signals before announcing the port, so a signal sent as soon as the line is
    // read stops the emulator cleanly.
    let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
    let running: RunningEmulator
    do {
      running = try await Emulator.start(configuration)
    } catch {
      writeError("boomi-emulator: \(error)\n")
      return 1
    }
    writeOut("listening \(running.rootURL)\n")
    for await signal in signals {
      writeError("boomi-emulator: \(signal), stopping\n")
      break
    }
    await running.shutdown()
    return 0
  }

  private static func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  private static func writeError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
