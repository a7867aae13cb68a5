import ReleaseCLI

BoomiRelease.main()
