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
  // Built with -sanitize=fuzzer: SwiftPM links the executable's entry point under the name
  // `fuzz_manifest_main`, which hands control to libFuzzer's driver.
  @_cdecl("fuzz_manifest_main")
  public func fuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
  ) -> CInt {
    var count = argc
    var arguments = argv
    return llvmFuzzerRunDriver(&count, &arguments) { data, size in
      fuzzManifest(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
      return 0
    }
  }

  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzManifest(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
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
    static func main() { Replay.run(fuzzManifest) }
  }
#endif
