import FileSystem
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A fresh directory for one test, removed at the end.
private struct Scratch {
  let path: String

  init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-file-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func remove() {
    chmod(path, 0o755)
    try? FileManager.default.removeItem(atPath: path)
  }

  func file(_ name: String) -> String { path + "/" + name }

  /// Names in the directory that look like AtomicFile's temporary files.
  func temporaryFiles(in directory: String? = nil) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory ?? path).filter { $0.contains(".tmp-") }
  }
}

private func withScratch(_ body: (Scratch) throws -> Void) throws {
  let scratch = try Scratch()
  defer { scratch.remove() }
  try body(scratch)
}

/// The permission bits of the file at `path` (following symbolic links).
private func permissions(_ path: String) -> mode_t? {
  var info = stat()
  guard stat(path, &info) == 0 else { return nil }
  return info.st_mode & 0o7777
}

private func isSymbolicLink(_ path: String) -> Bool {
  var info = stat()
  guard lstat(path, &info) == 0 else { return false }
  return info.st_mode & S_IFMT == S_IFLNK
}

private func contents(_ path: String) throws -> [UInt8] {
  Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

@Suite("AtomicFile")
struct AtomicFileTests {
  @Test("write creates a file with exactly the bytes given")
  func writeCreates() throws {
    try withScratch { scratch in
      let bytes = (0...255).map(UInt8.init) + Array("line\r\nend\n".utf8) + [0, 0]
      let path = scratch.file("state.json")
      try AtomicFile.write(bytes, to: path)
      #expect(try contents(path) == bytes)
      #expect(try scratch.temporaryFiles().isEmpty)
    }
  }

  @Test("an empty write leaves an empty file")
  func writeEmpty() throws {
    try withScratch { scratch in
      let path = scratch.file("empty")
      try AtomicFile.write(Array("something".utf8), to: path)
      try AtomicFile.write([], to: path)
      #expect(try contents(path) == [])
    }
  }

  @Test("replacing a longer file with a shorter one leaves no trace of the old bytes")
  func replaceShorter() throws {
    try withScratch { scratch in
      let path = scratch.file("plan.json")
      try AtomicFile.write(Array(repeating: UInt8(ascii: "x"), count: 100_000), to: path)
      try AtomicFile.write(Array("{}\n".utf8), to: path)
      #expect(try contents(path) == Array("{}\n".utf8))
      #expect(try scratch.temporaryFiles().isEmpty)
    }
  }

  @Test("a replaced file keeps its permission bits", arguments: [0o600, 0o640, 0o755, 0o444] as [mode_t])
  func replaceKeepsMode(mode: mode_t) throws {
    try withScratch { scratch in
      let path = scratch.file("release.lock.json")
      try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
      #expect(chmod(path, mode) == 0)
      try AtomicFile.write(Array("new\n".utf8), to: path)
      #expect(permissions(path) == mode)
      #expect(try contents(path) == Array("new\n".utf8))
    }
  }

  @Test("a new file gets 0666 less the umask, as open(2) would give it")
  func newFileMode() throws {
    try withScratch { scratch in
      let path = scratch.file("new.json")
      try AtomicFile.write(Array("{}\n".utf8), to: path)
      // The umask as the kernel applies it: a file created by open(2) with 0666.
      let probe = scratch.file("probe")
      let descriptor = open(probe, O_CREAT | O_WRONLY, 0o666)
      #expect(descriptor >= 0)
      close(descriptor)
      #expect(permissions(path) == permissions(probe))
      #expect(AtomicFile.newFileMode() == permissions(probe))
    }
  }

  @Test("writing through a symbolic link replaces its target and keeps the link")
  func throughSymlink() throws {
    try withScratch { scratch in
      // The link and its target in different directories, the link relative.
      try FileManager.default.createDirectory(atPath: scratch.file("real"), withIntermediateDirectories: true)
      try FileManager.default.createDirectory(atPath: scratch.file("links"), withIntermediateDirectories: true)
      let target = scratch.file("real/release.lock.json")
      let link = scratch.file("links/release.lock.json")
      try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
      #expect(chmod(target, 0o600) == 0)
      #expect(symlink("../real/release.lock.json", link) == 0)

      try AtomicFile.write(Array("new\n".utf8), to: link)

      #expect(isSymbolicLink(link), "the link was replaced by a regular file")
      #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "../real/release.lock.json")
      #expect(try contents(target) == Array("new\n".utf8))
      #expect(permissions(target) == 0o600)
      #expect(try scratch.temporaryFiles(in: scratch.file("real")).isEmpty)
      #expect(try scratch.temporaryFiles(in: scratch.file("links")).isEmpty)
    }
  }

  @Test("writing through a symbolic link whose target does not exist yet creates the target and keeps the link")
  func throughDanglingSymlink() throws {
    try withScratch { scratch in
      let target = scratch.file("target.json")
      let link = scratch.file("link.json")
      #expect(symlink("target.json", link) == 0)

      try AtomicFile.write(Array("new\n".utf8), to: link)

      #expect(isSymbolicLink(link), "the dangling link was replaced by a regular file")
      #expect((try? contents(target)) == Array("new\n".utf8), "the link's target was not created")
    }
  }

  @Test(
    "a write into a directory that does not exist throws a FileError naming the path",
    arguments: ["missing/plan.json", "missing/deeper/plan.json"])
  func missingDirectory(relative: String) throws {
    try withScratch { scratch in
      let path = scratch.file(relative)
      let error = #expect(throws: FileError.self) {
        try AtomicFile.write(Array("{}\n".utf8), to: path)
      }
      #expect(error?.path == path)
      #expect(error?.isNotFound == true)
      #expect(error?.description.contains(path) == true)
      #expect(!FileManager.default.fileExists(atPath: scratch.file("missing")))
      let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
      #expect(left.isEmpty)
    }
  }

  @Test("a write whose parent is a regular file throws a FileError naming the path")
  func parentIsAFile() throws {
    try withScratch { scratch in
      try Data("x".utf8).write(to: URL(fileURLWithPath: scratch.file("file")))
      let path = scratch.file("file/plan.json")
      let error = #expect(throws: FileError.self) {
        try AtomicFile.write(Array("{}\n".utf8), to: path)
      }
      #expect(error?.path == path)
      #expect(error?.code == ENOTDIR)
      #expect(error?.description.contains(path) == true)
      #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["file"])
    }
  }

  @Test(
    "a write into a read-only directory throws a FileError naming the path and leaves no temporary file",
    .enabled(if: geteuid() != 0, "root writes into read-only directories"))
  func readOnlyDirectory() throws {
    try withScratch { scratch in
      let directory = scratch.file("locked")
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      let path = directory + "/plan.json"
      #expect(chmod(directory, 0o555) == 0)
      defer { chmod(directory, 0o755) }
      let error = #expect(throws: FileError.self) {
        try AtomicFile.write(Array("{}\n".utf8), to: path)
      }
      #expect(error?.path == path)
      #expect(error?.code == EACCES)
      #expect(error?.description.contains(path) == true)
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }
  }

  @Test("a replace that fails after the temporary file was written removes the temporary file")
  func failedRenameCleansUp() throws {
    try withScratch { scratch in
      // rename() cannot replace a non-empty directory, even for root.
      let path = scratch.file("plan.json")
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      try Data("keep".utf8).write(to: URL(fileURLWithPath: path + "/inside"))
      let error = #expect(throws: FileError.self) {
        try AtomicFile.write(Array("{}\n".utf8), to: path)
      }
      #expect(error?.path == path)
      #expect(error?.description.contains(path) == true)
      #expect(try scratch.temporaryFiles().isEmpty, "the temporary file was left behind")
      #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["inside"])
    }
  }

  @Test("reading a missing file throws a FileError that says not found")
  func readMissing() throws {
    try withScratch { scratch in
      let path = scratch.file("nope.json")
      let error = #expect(throws: FileError.self) {
        _ = try AtomicFile.read(path, maximumBytes: 64 << 20)
      }
      #expect(error?.isNotFound == true)
      #expect(error?.path == path)
      #expect(error?.description.contains(path) == true)
    }
  }

  @Test("reading a directory throws a FileError that is not 'not found'")
  func readDirectory() throws {
    try withScratch { scratch in
      let error = #expect(throws: FileError.self) {
        _ = try AtomicFile.read(scratch.path, maximumBytes: 1 << 20)
      }
      #expect(error?.isNotFound == false)
      #expect(error?.code == EISDIR)
      #expect(error?.path == scratch.path)
    }
  }

  @Test("a device such as /dev/zero is refused before a byte is read")
  func readDevice() throws {
    let error = #expect(throws: FileError.self) {
      _ = try AtomicFile.read("/dev/zero", maximumBytes: 1 << 20)
    }
    #expect(error?.reason == .notARegularFile("a character device"))
    #expect(error?.description.contains("/dev/zero") == true)
  }

  @Test("a FIFO is refused at once, without waiting for a writer")
  func readFIFO() throws {
    try withScratch { scratch in
      let path = scratch.file("fifo")
      #expect(mkfifo(path, 0o600) == 0)
      let error = #expect(throws: FileError.self) {
        _ = try AtomicFile.read(path, maximumBytes: 1 << 20)
      }
      #expect(error?.reason == .notARegularFile("a pipe"))
    }
  }

  @Test("a file over the limit is refused from its size alone, even a sparse 200 GiB one")
  func readTooLarge() throws {
    try withScratch { scratch in
      let path = scratch.file("huge.json")
      let descriptor = open(path, O_CREAT | O_WRONLY, 0o600)
      #expect(descriptor >= 0)
      let size = 200 << 30
      try #require(ftruncate(descriptor, off_t(size)) == 0, "the file system refuses a sparse 200 GiB file")
      close(descriptor)
      let error = #expect(throws: FileError.self) {
        _ = try AtomicFile.read(path, maximumBytes: 256 << 20)
      }
      #expect(error?.reason == .tooLarge(size: size, limit: 256 << 20))
    }
  }

  @Test("a file exactly at the limit is read; one byte more is refused")
  func readAtTheLimit() throws {
    try withScratch { scratch in
      let path = scratch.file("edge")
      try AtomicFile.write(Array(repeating: UInt8(ascii: "a"), count: 1000), to: path)
      #expect(try AtomicFile.read(path, maximumBytes: 1000).count == 1000)
      let error = #expect(throws: FileError.self) {
        _ = try AtomicFile.read(path, maximumBytes: 999)
      }
      #expect(error?.reason == .tooLarge(size: 1000, limit: 999))
    }
  }

  @Test("a file that reports no size (a /proc file) is still read whole")
  func readProcFile() throws {
    let bytes = try AtomicFile.read("/proc/self/status", maximumBytes: 1 << 20)
    #expect(String(decoding: bytes, as: UTF8.self).contains("Umask:"))
  }

  @Test("the target of a chain of relative symbolic links is the file a write replaces")
  func targetOfLinks() throws {
    try withScratch { scratch in
      try FileManager.default.createDirectory(atPath: scratch.file("data"), withIntermediateDirectories: true)
      #expect(symlink("data/middle.json", scratch.file("release.lock.json")) == 0)
      #expect(symlink("real.lock.json", scratch.file("data/middle.json")) == 0)
      #expect(AtomicFile.target(of: scratch.file("release.lock.json")) == scratch.file("data/real.lock.json"))
      #expect(AtomicFile.target(of: scratch.file("plain.json")) == scratch.file("plain.json"))
    }
  }

  @Test("reading an empty file gives no bytes")
  func readEmpty() throws {
    try withScratch { scratch in
      let path = scratch.file("empty")
      #expect(FileManager.default.createFile(atPath: path, contents: Data()))
      let bytes = try AtomicFile.read(path, maximumBytes: 64 << 20)
      #expect(bytes == [])
    }
  }

  @Test("10 MB of arbitrary bytes round-trip exactly")
  func largeRoundTrip() throws {
    try withScratch { scratch in
      var generator = SystemRandomNumberGenerator()
      var bytes = [UInt8](repeating: 0, count: 10 << 20)
      bytes.withUnsafeMutableBytes { buffer in
        let words = buffer.bindMemory(to: UInt64.self)
        for index in words.indices { words[index] = generator.next() }
      }
      // Not a multiple of any buffer size.
      bytes.append(contentsOf: [1, 2, 3])
      let path = scratch.file("large.bin")
      try AtomicFile.write(bytes, to: path)
      let read = try AtomicFile.read(path, maximumBytes: 64 << 20)
      #expect(read.count == bytes.count)
      #expect(read == bytes)
      #expect(try contents(path) == bytes)
      #expect(try scratch.temporaryFiles().isEmpty)
    }
  }

  @Test("concurrent writers to one path always leave one writer's complete bytes")
  func concurrentWriters() async throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let path = scratch.file("contended.json")
    let versions = (0..<8).map { index in [UInt8](repeating: UInt8(ascii: "a") + UInt8(index), count: 200_000 + index) }
    await withTaskGroup(of: Void.self) { group in
      for version in versions {
        group.addTask {
          for _ in 0..<5 { try? AtomicFile.write(version, to: path) }
        }
      }
    }
    let final = try AtomicFile.read(path, maximumBytes: 64 << 20)
    #expect(versions.contains(final))
    #expect(try scratch.temporaryFiles().isEmpty)
  }
}
