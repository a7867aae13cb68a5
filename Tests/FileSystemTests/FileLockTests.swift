import Foundation
import Testing

@testable import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// A lockfile path in a fresh directory (the file itself need not exist).
private func guardedFile() throws -> String {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  return directory.appendingPathComponent("release.lock.json").path
}

@Suite("File lock")
struct FileLockTests {
  @Test("a second acquisition fails at once and names the holder")
  func heldLock() throws {
    let file = try guardedFile()
    let (lock, previous) = try FileLock.acquire(guarding: file, owner: "alice", startedAt: "2026-11-23T10:00:00Z")
    defer { lock.release() }
    #expect(previous == nil)
    do {
      _ = try FileLock.acquire(guarding: file, owner: "bob", startedAt: "2026-11-23T10:00:01Z")
      Issue.record("the second acquisition must fail")
    } catch .held(_, let holder) {
      #expect(holder?.owner == "alice")
      #expect(holder?.pid == getpid())
      #expect(holder?.host == FileLock.hostName())
      #expect(holder?.startedAt == "2026-11-23T10:00:00Z")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("a symbolic link planted where the lock goes is refused, and the file it points to is untouched")
  func plantedLink() throws {
    let file = try guardedFile()
    let victim = Paths.directory(of: file) + "/precious.txt"
    try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: victim))
    try FileManager.default.createSymbolicLink(atPath: file + ".lock", withDestinationPath: victim)
    do {
      let (lock, _) = try FileLock.acquire(guarding: file, owner: "mallory", startedAt: "t")
      lock.release()
      Issue.record("a lock was taken through a planted link")
    } catch .io(let error) {
      #expect(error.description.contains(file + ".lock"), "\(error)")
    } catch {
      Issue.record("unexpected \(error)")
    }
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me\n")
  }

  @Test("a FIFO where the lock goes is refused at once, not waited on")
  func fifoLock() throws {
    let file = try guardedFile()
    #expect(mkfifo(file + ".lock", 0o600) == 0)
    #expect(throws: FileLock.Failure.self) {
      let (lock, _) = try FileLock.acquire(guarding: file, owner: "alice", startedAt: "t")
      lock.release()
    }
  }

  @Test("a released lock can be taken again, and its file is gone")
  func release() throws {
    let file = try guardedFile()
    let (first, _) = try FileLock.acquire(guarding: file, owner: "alice", startedAt: "t1")
    first.release()
    #expect(!FileManager.default.fileExists(atPath: file + ".lock"))
    let (second, previous) = try FileLock.acquire(guarding: file, owner: "bob", startedAt: "t2")
    second.release()
    #expect(previous == nil)
  }

  @Test("a lock left by a process that died is taken over, and the dead holder is reported")
  func deadHolder() throws {
    let file = try guardedFile()
    // A child process takes the lock and dies without releasing it.
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    child.arguments = [
      "-c",
      """
      import fcntl, os, sys
      fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
      fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
      os.write(fd, f"owner=ghost\\npid={os.getpid()}\\nhost=elsewhere\\nstartedAt=2026-11-22T00:00:00Z\\n".encode())
      os._exit(0)
      """,
      file + ".lock",
    ]
    try child.run()
    child.waitUntilExit()
    #expect(child.terminationStatus == 0)
    let (lock, previous) = try FileLock.acquire(guarding: file, owner: "alice", startedAt: "t")
    defer { lock.release() }
    #expect(previous?.owner == "ghost")
    #expect(previous?.startedAt == "2026-11-22T00:00:00Z")
  }

  @Test("a lock taken through a symbolic link and one taken through its target are the same lock")
  func symlinkedFileSharesTheLock() throws {
    let file = try guardedFile()
    let directory = (file as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
    let real = directory + "/data/real.lock.json"
    #expect(symlink("data/real.lock.json", file) == 0)
    #expect(FileLock.lockPath(guarding: file) == real + ".lock")

    let (lock, _) = try FileLock.acquire(guarding: file, owner: "via-link", startedAt: "t1")
    defer { lock.release() }
    #expect(throws: FileLock.Failure.self) {
      _ = try FileLock.acquire(guarding: real, owner: "via-target", startedAt: "t2")
    }
    #expect(throws: FileLock.Failure.self) {
      _ = try FileLock.acquire(
        guarding: directory + "/./data/../data/real.lock.json", owner: "other-path", startedAt: "t3")
    }
  }
}
