import FuzzSupport
import ReleaseCore

// A libFuzzer target for the manifest loader (`scripts/fuzz manifest`). Built normally, it is
// a replayer: `fuzz-manifest FILE...` loads each file, as libFuzzer would, to reproduce a
// finding or check a corpus.

/// Loads one input; any crash, hang or unbounded allocation here is a finding.
func fuzzManifest(_ bytes: [UInt8]) {
  var limits = DecodingLimits()
  limits.maxFileBytes = 1 << 20
  let (manifest, diagnostics) = ManifestLoader.load(SourceText(path: "fuzz.yaml", bytes: bytes), limits: limits)
  // Whatever comes back must be consistent: a manifest exactly when there is no error, and
  // every diagnostic positioned.
  precondition((manifest == nil) == diagnostics.containsErrors)
  precondition(diagnostics.allSatisfy { $0.line >= 1 && $0.column >= 1 })
  if let manifest, case .success(let today) = CalendarDate.parse("2026-11-23") {
    _ = try? Planner.plan(manifest: manifest, lockfile: .empty, today: today)
  }
  _ = DiagnosticRenderer(sources: [SourceText(path: "fuzz.yaml", bytes: bytes)]).render(diagnostics)
}

#if FUZZING
  // Built with -sanitize=fuzzer: SwiftPM links the executable's start to `fuzz_manifest_main`.
  @_cdecl("fuzz_manifest_main")
  public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzTestOneInput)
  }

  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzManifest(fuzzInput(data, size))
    return 0
  }
#else
  @main
  struct Replayer {
    static func main() { Replay.run(fuzzManifest) }
  }
#endif
