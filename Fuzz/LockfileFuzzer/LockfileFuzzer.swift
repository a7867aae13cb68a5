import FuzzSupport
import ReleaseCore

// A libFuzzer target for the lockfile decoder and encoder (`scripts/fuzz lockfile`). Built
// normally, it replays the files given as arguments.

/// Decodes one input; a lockfile that decodes must encode and decode back to itself.
func fuzzLockfile(_ bytes: [UInt8]) {
  let (lockfile, diagnostics) = LockfileFormat.decode(SourceText(path: "fuzz.lock.json", bytes: bytes))
  precondition((lockfile == nil) == diagnostics.containsErrors)
  guard let lockfile else { return }
  let encoded = LockfileFormat.encode(lockfile)
  let (again, _) = LockfileFormat.decode(SourceText(path: "again.lock.json", bytes: encoded))
  precondition(again == lockfile, "a decoded lockfile must survive a round trip")
  precondition(LockfileFormat.encode(lockfile) == encoded, "encoding must be deterministic")
}

#if FUZZING
  // Built with -sanitize=fuzzer: SwiftPM links the executable's start to `fuzz_lockfile_main`.
  @_cdecl("fuzz_lockfile_main")
  public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzTestOneInput)
  }

  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzLockfile(fuzzInput(data, size))
    return 0
  }
#else
  @main
  struct Replayer {
    static func main() { Replay.run(fuzzLockfile) }
  }
#endif
