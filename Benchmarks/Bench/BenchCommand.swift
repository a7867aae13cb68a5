import Foundation

/// `bench`'s command line.
///
///     bench [run] [--quick] [--bin DIR] [--results FILE] [--work DIR] [--toolchain TEXT] [--revision TEXT]
///               [--skip PART]
///     bench generate DIR PACKS [--catalog]
///     bench decode MANIFEST LOCKFILE REPETITIONS
///     bench plan MANIFEST LOCKFILE
///
/// `generate` and `decode` are the parts `run` starts as child processes; `plan` is for
/// profiling under valgrind. Those three run with a synchronous `main` (see `PlanPipeline`).
enum BenchCommand {
  static let usage = """
    usage: bench [run] [--quick] [--bin DIR] [--results FILE] [--work DIR] [--toolchain TEXT] [--revision TEXT]
                 [--skip files|apply|throughput]
           bench generate DIR PACKS [--catalog]
           bench decode MANIFEST LOCKFILE REPETITIONS
           bench plan MANIFEST LOCKFILE
    """

  /// Whether `arguments` name one of the parts that run without Swift concurrency.
  static func isSynchronous(_ arguments: [String]) -> Bool {
    ["generate", "decode", "plan"].contains(arguments.first ?? "")
  }

  /// `generate`, `decode` and `plan`.
  static func synchronousMain(_ arguments: [String]) -> Int32 {
    reportingProblems {
      let rest = Array(arguments.dropFirst())
      switch arguments.first {
      case "generate": return try generate(rest)
      case "decode": return try decode(rest)
      default: return try plan(rest)
      }
    }
  }

  private static func reportingProblems(_ body: () throws -> Int32) -> Int32 {
    do {
      return try body()
    } catch let problem as UsageProblem {
      progress("\(problem.description)\n\(usage)")
      return 64
    } catch {
      progress("\(error)")
      return 1
    }
  }

  /// Runs the command and returns the exit status: 0 done, 1 a benchmark could not be carried
  /// out, 64 a bad command line. A budget that is not met is reported, not an error.
  static func main(_ arguments: [String], environment: [String: String]) async -> Int32 {
    do {
      return try await run(
        arguments.first == "run" ? Array(arguments.dropFirst()) : arguments, environment: environment)
    } catch let problem as UsageProblem {
      progress("\(problem.description)\n\(usage)")
      return 64
    } catch {
      progress("\(error)")
      return 1
    }
  }

  private static func generate(_ arguments: [String]) throws -> Int32 {
    guard arguments.count >= 2, let packs = Int(arguments[1]), packs >= 0,
      arguments.dropFirst(2).allSatisfy({ $0 == "--catalog" })
    else { throw UsageProblem(description: "generate needs DIR and a pack count") }
    try Fixtures.write(packs: packs, into: arguments[0], catalog: arguments.contains("--catalog"))
    return 0
  }

  private static func decode(_ arguments: [String]) throws -> Int32 {
    guard arguments.count == 3, let repetitions = Int(arguments[2]), repetitions > 0 else {
      throw UsageProblem(description: "decode needs MANIFEST, LOCKFILE and a repetition count")
    }
    let times = try DecodeBenchmark.run(
      manifestPath: arguments[0], lockfilePath: arguments[1], repetitions: repetitions)
    print(times.line)
    return 0
  }

  private static func plan(_ arguments: [String]) throws -> Int32 {
    guard arguments.count == 2 else { throw UsageProblem(description: "plan needs MANIFEST and LOCKFILE") }
    print(try PlanPipeline.run(manifestPath: arguments[0], lockfilePath: arguments[1]), terminator: "")
    return 0
  }

  private static func run(_ arguments: [String], environment: [String: String]) async throws -> Int32 {
    let options = try parse(arguments)
    let report = try await BenchRun(options: options, environment: environment).run()
    let markdown = report.markdown
    print(markdown)
    if let results = options.results {
      try Data(markdown.utf8).write(to: URL(fileURLWithPath: results))
      progress("results written to \(results)")
    }
    return report.notMeasured.isEmpty ? 0 : 1
  }

  static func parse(_ arguments: [String]) throws(UsageProblem) -> RunOptions {
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
    var options = RunOptions(binaries: (executable as NSString).deletingLastPathComponent)
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
      if argument == "--quick" {
        options.quick = true
        continue
      }
      guard let value = remaining.popFirst() else { throw UsageProblem(description: "unknown argument \(argument)") }
      switch argument {
      case "--bin": options.binaries = value
      case "--results": options.results = value
      case "--work": options.workDirectory = value
      case "--toolchain": options.toolchain = value
      case "--revision": options.revision = value
      case "--skip" where RunOptions.parts.contains(value): options.skipped.insert(value)
      default: throw UsageProblem(description: "unknown argument \(argument) \(value)")
      }
    }
    return options
  }
}

/// A command line `bench` does not understand.
struct UsageProblem: Error, CustomStringConvertible {
  var description: String
}
