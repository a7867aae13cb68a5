import Foundation

/// Runs a fuzz target over files and directories given on the command line, outside libFuzzer.
public enum Replay {
  public static func run(_ target: ([UInt8]) -> Void) {
    var count = 0
    for argument in CommandLine.arguments.dropFirst() {
      for path in files(at: argument) {
        guard let data = FileManager.default.contents(atPath: path) else {
          print("cannot read \(path)")
          continue
        }
        target(Array(data))
        count += 1
      }
    }
    print("replayed \(count) input\(count == 1 ? "" : "s") without a failure")
  }

  private static func files(at path: String) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
    guard isDirectory.boolValue else { return [path] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.sorted().map { "\(path)/\($0)" }
  }
}
