import BoomiEmulator
import Foundation

let status = await EmulatorCommand.run(
  arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
exit(status)
