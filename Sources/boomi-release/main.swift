import ReleaseCLI

await BoomiRelease.runFromCommandLine()
