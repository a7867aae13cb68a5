import Foundation
import ReleaseCore

/// In-process decode times of a manifest and its lockfile: each alone, and both at once on two
/// threads with `PlanInputs.decode`, as every command does. The difference between the sum of the first
/// two and the third is what decoding the files in parallel saves. Also the time to encode the
/// lockfile, which `apply` does twice per release.
struct DecodeTimes: Sendable {
  var manifest: Double
  var lockfile: Double
  var parallel: Double
  var encodeLockfile: Double

  var sequential: Double { manifest + lockfile }

  init(manifest: Double, lockfile: Double, parallel: Double, encodeLockfile: Double) {
    self.manifest = manifest
    self.lockfile = lockfile
    self.parallel = parallel
    self.encodeLockfile = encodeLockfile
  }

  private static let names = ["manifest", "lockfile", "parallel", "encode"]

  /// Reads `bench decode`'s output line: `manifest S lockfile S parallel S encode S`.
  init?(parsing text: String) {
    let words = text.split(whereSeparator: \.isWhitespace)
    guard words.count == 2 * Self.names.count,
      zip(stride(from: 0, to: words.count, by: 2), Self.names).allSatisfy({ words[$0.0] == $0.1 })
    else { return nil }
    let values = stride(from: 1, to: words.count, by: 2).compactMap { Double(words[$0]) }
    guard values.count == Self.names.count else { return nil }
    self.init(manifest: values[0], lockfile: values[1], parallel: values[2], encodeLockfile: values[3])
  }

  var line: String {
    zip(Self.names, [manifest, lockfile, parallel, encodeLockfile]).map { "\($0) \($1)" }.joined(separator: " ")
  }
}

/// `bench decode MANIFEST LOCKFILE REPETITIONS`: runs in its own process, so the memory the
/// decoded models take never counts against a measured child.
enum DecodeBenchmark {
  static func run(manifestPath: String, lockfilePath: String, repetitions: Int) throws -> DecodeTimes {
    let manifest = SourceText(path: manifestPath, bytes: try read(manifestPath))
    let lockfile = SourceText(path: lockfilePath, bytes: try read(lockfilePath))
    var manifestTimes = Samples()
    var lockfileTimes = Samples()
    var parallelTimes = Samples()
    var encodeTimes = Samples()
    guard let decoded = LockfileFormat.decode(lockfile).0 else { throw BenchFailure("\(lockfilePath) does not load") }
    var encodedBytes = 0
    for _ in 0..<max(repetitions, 1) {
      manifestTimes.add(try timed { try decodeManifest(manifest) })
      lockfileTimes.add(try timed { try decodeLockfile(lockfile) })
      parallelTimes.add(try timed { try decodeBoth(manifest, lockfile) })
      encodeTimes.add(timed { encodedBytes += LockfileFormat.encode(decoded).count })
    }
    guard encodedBytes > 0 else { throw BenchFailure("the lockfile encoded to nothing") }
    return DecodeTimes(
      manifest: manifestTimes.median, lockfile: lockfileTimes.median, parallel: parallelTimes.median,
      encodeLockfile: encodeTimes.median)
  }

  private static func read(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { throw BenchFailure("cannot read \(path)") }
    return Array(data)
  }

  private static func timed(_ body: () throws -> Void) rethrows -> Double {
    let start = Monotonic.now()
    try body()
    return Monotonic.now() - start
  }

  private static func decodeManifest(_ source: SourceText) throws {
    let (manifest, problems) = ManifestLoader.load(source)
    guard manifest != nil, !problems.containsErrors else { throw BenchFailure("\(source.path) does not load") }
  }

  private static func decodeLockfile(_ source: SourceText) throws {
    let (lockfile, problems) = LockfileFormat.decode(source)
    guard lockfile != nil, !problems.containsErrors else { throw BenchFailure("\(source.path) does not load") }
  }

  /// Both, as every command loads them: the lockfile on another thread while the manifest is
  /// decoded on this one.
  private static func decodeBoth(_ manifest: SourceText, _ lockfile: SourceText) throws {
    let inputs = PlanInputs.decode(manifest: manifest, lockfile: lockfile)
    guard inputs.manifest != nil, inputs.lockfile != nil, !inputs.diagnostics.containsErrors else {
      throw BenchFailure("the files do not load")
    }
  }
}
