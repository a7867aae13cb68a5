/// Hands values to the process's exit instead of freeing them.
///
/// `plan` and `validate` are done with their models just before the process exits, and freeing a
/// 10,000-pack manifest, lockfile and plan object by object costs about 8% of `plan`'s wall time
/// (docs/BENCHMARKS.md); the kernel reclaims the pages at once. Clang's `-disable-free` does the
/// same. Only for values a command holds until its end: a command runs once per process.
func keepUntilExit(_ values: Any...) {
  _ = Unmanaged.passRetained(Kept(values))
}

private final class Kept {
  let values: [Any]
  init(_ values: [Any]) { self.values = values }
}
