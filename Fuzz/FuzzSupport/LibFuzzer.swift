#if FUZZING
  /// Hands control to libFuzzer's driver, which calls `testOneInput` with each input it makes.
  ///
  /// Each target still declares its own two C entry points — `<product>_main` (what SwiftPM
  /// links an executable's start to) and `LLVMFuzzerTestOneInput` — since a C callback cannot
  /// capture which target it belongs to; everything else is here.
  public func runLibFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt {
    var count = argc
    var arguments = argv
    return llvmFuzzerRunDriver(&count, &arguments, testOneInput)
  }

  /// The bytes of one input, as libFuzzer passes them.
  public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  }

  @_silgen_name("LLVMFuzzerRunDriver")
  func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt
#endif
