import BoomiEmulator

await EmulatorCommand.runFromCommandLine()
