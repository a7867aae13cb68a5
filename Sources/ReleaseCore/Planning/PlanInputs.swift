import Dispatch

/// The manifest and the lockfile a command works on, decoded together.
public struct PlanInputs: Sendable {
  /// `nil` when the manifest has errors.
  public var manifest: Manifest?
  /// `nil` when the lockfile has errors; the empty state when there is no lockfile.
  public var lockfile: Lockfile?
  /// The manifest's problems, then the lockfile's.
  public var diagnostics: [Diagnostic]

  public init(manifest: Manifest?, lockfile: Lockfile?, diagnostics: [Diagnostic]) {
    self.manifest = manifest
    self.lockfile = lockfile
    self.diagnostics = diagnostics
  }

  /// Decodes the two files at the same time, on the calling thread and one other.
  ///
  /// They are independent, and a large lockfile decodes faster than its manifest, so the
  /// lockfile's decode disappears from the wall time (at 10,000 packs, ~400 ms of ~1.7 s:
  /// docs/BENCHMARKS.md). No lockfile (`nil`) is the empty state.
  public static func decode(manifest: SourceText, lockfile: SourceText?) -> PlanInputs {
    let ((manifestValue, manifestProblems), (lockfileValue, lockfileProblems)) = inParallel(
      { ManifestLoader.load(manifest) },
      { lockfile.map { LockfileFormat.decode($0) } ?? (Lockfile.empty, []) })
    return PlanInputs(
      manifest: manifestValue, lockfile: lockfileValue, diagnostics: manifestProblems + lockfileProblems)
  }
}

/// Runs two independent pieces of work at once, on the calling thread and one other.
private func inParallel<A, B: Sendable>(_ first: () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
  let slot = ResultSlot<B>()
  let done = DispatchSemaphore(value: 0)
  DispatchQueue.global(qos: .userInitiated).async {
    slot.value = second()
    done.signal()
  }
  let a = first()
  done.wait()
  guard let b = slot.value else { return (a, second()) }
  return (a, b)
}

/// A value handed from one thread to another; the semaphore in `inParallel` orders the write
/// before the read.
private final class ResultSlot<Value>: @unchecked Sendable {
  var value: Value?
}
