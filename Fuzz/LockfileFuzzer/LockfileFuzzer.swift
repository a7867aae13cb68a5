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
  // Built with -sanitize=fuzzer: SwiftPM links the executable's entry point under the name
  // `fuzz_lockfile_main`, which hands control to libFuzzer's driver.
  @_cdecl("fuzz_lockfile_main")
  public func fuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
  ) -> CInt {
    var count = argc
    var arguments = argv
    return llvmFuzzerRunDriver(&count, &arguments) { data, size in
      fuzzLockfile(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
      return 0
    }
  }

  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzLockfile(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
  }

  @_silgen_name("LLVMFuzzerRunDriver")
  func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt
#else
  @main
  struct Replayer {
    static func main() { Replay.run(fuzzLockfile) }
  }
#endif
