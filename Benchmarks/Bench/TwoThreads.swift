import Dispatch

/// Runs `second` on another thread while `first` runs on this one, as `Workspace.load` decodes
/// the manifest and the lockfile (`inParallel` in ReleaseCLI, which the benchmark cannot import).
func onTwoThreads<A, B: Sendable>(_ first: () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
  let slot = Slot<B>()
  let done = DispatchSemaphore(value: 0)
  DispatchQueue.global(qos: .userInitiated).async {
    slot.value = second()
    done.signal()
  }
  let a = first()
  done.wait()
  return (a, slot.value ?? second())
}

/// Written by the other thread before it signals the semaphore, read after the wait.
private final class Slot<Value>: @unchecked Sendable {
  var value: Value?
}
