import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

// The benchmark harness for SPEC §9: `scripts/bench` builds the release binaries and runs this.
// See docs/BENCHMARKS.md for what is measured and how.
//
// No top-level `await`: `generate`, `decode` and `plan` keep a synchronous main so that valgrind
// can run them (it crashes on an async main); only `run` enters Swift concurrency.
let arguments = Array(CommandLine.arguments.dropFirst())
if BenchCommand.isSynchronous(arguments) {
  exit(BenchCommand.synchronousMain(arguments))
}
let environment = ProcessInfo.processInfo.environment
Task {
  exit(await BenchCommand.main(arguments, environment: environment))
}
dispatchMain()
