import Foundation

/// Standard error and terminal detection for the CLI.
enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(2) != 0 }

    /// Writes `text` to `path`, or to standard output when `path` is nil or "-".
    static func emit(_ text: String, to path: String?) throws {
        guard let path, path != "-" else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            return
        }
        do {
            try writeFile(text, to: path)
        } catch let e as CLIError {
            throw e
        } catch {
            throw CLIError("cannot write `\(path)`: \(error.localizedDescription)")
        }
    }

    /// Writes `text` to the file at `path`. A regular file (or a new one) is replaced
    /// atomically, through the symbolic links that lead to it, so that a link stays a link;
    /// a device or pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written in place, so that its
    /// errors (a full disk: `/dev/full`) are reported. An atomic write put a regular file in
    /// the device's place: run as root, `--output /dev/full` replaced the device and said "wrote".
    static func writeFile(_ text: String, to path: String) throws {
        if let input = inputsRead.input(at: path) { throw overwriteError(path, input: input) }
        let data = Data(text.utf8)
        var info = stat()
        if stat(path, &info) == 0 {
            if info.st_mode & S_IFMT != S_IFREG {
                guard let handle = FileHandle(forWritingAtPath: path) else { throw CLIError("cannot open `\(path)` for writing") }
                defer { try? handle.close() }
                try handle.write(contentsOf: data)
                return
            }
            if let real = realpath(path, nil) {
                defer { free(real) }
                try data.write(to: URL(fileURLWithPath: String(cString: real)), options: .atomic)
                return
            }
        }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Checks, before any work, that `path` can be written (nil and "-"
    /// are standard output): not empty, not a directory, in a directory that
    /// exists and is writable, and writable itself if it exists. A long
    /// study is then not lost to a typo in its output path.
    /// Nor is it one of `inputs` (the command's own files), which the result would replace.
    static func checkOutput(_ path: String?, option: String = "--output", inputs: [String] = []) throws {
        guard let path, path != "-" else { return }
        guard !path.isEmpty else { throw CLIError("\(option) is empty: give a file path, or - for standard output") }
        if let id = FileIdentity(path), let input = inputs.first(where: { FileIdentity($0) == id }) {
            throw overwriteError(path, input: input, option: option)
        }
        // Files read so far (the base a scenario extends, once it is loaded).
        if let input = inputsRead.input(at: path) { throw overwriteError(path, input: input, option: option) }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw CLIError("cannot write `\(path)`: it is a directory (\(option) takes a file path)") }
            if !fm.isWritableFile(atPath: path) { throw CLIError("cannot write `\(path)`: permission denied") }
            return
        }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard fm.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("cannot write `\(path)`: the directory `\(parent)` does not exist")
        }
        if !fm.isWritableFile(atPath: parent) { throw CLIError("cannot write `\(path)`: the directory `\(parent)` is not writable") }
    }

    /// `checkOutput` for `--report`, which must also not name the `--output` file.
    static func checkReport(_ report: String?, output: String?, inputs: [String]) throws {
        try checkOutput(report, option: "--report", inputs: inputs)
        guard let report, let output, report != "-", output != "-" else { return }
        let same = FileIdentity(report).map { $0 == FileIdentity(output) }
            ?? (URL(fileURLWithPath: report).standardizedFileURL == URL(fileURLWithPath: output).standardizedFileURL)
        if same { throw CLIError("--report and --output both name `\(report)`: give each its own file") }
    }

    static func overwriteError(_ path: String, input: String, option: String? = nil) -> CLIError {
        let same = input == path ? "" : " (the same file as `\(path)`)"
        return CLIError("cannot write `\(path)`\(option.map { " (\($0))" } ?? ""): it is `\(input)`\(same), which this command reads, "
                        + "and the output would replace it; give another path")
    }

    /// The files this run of the tool has read: `writeFile` refuses to write over one of them
    /// (a scenario, the base it extends, a shard, a game file), whatever path names it.
    static let inputsRead = InputFiles()

    static func readText(_ path: String, limit: Int = 64 * 1024 * 1024) throws -> String {
        inputsRead.note(path)
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path) else { throw CLIError("cannot open `\(path)`: no such file") }
        if attrs[.type] as? FileAttributeType == .typeDirectory { throw CLIError("cannot read `\(path)`: it is a directory, not a file") }
        if let size = attrs[.size] as? Int, size > limit { throw CLIError("`\(path)` is \(size) bytes, above the limit of \(limit)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read `\(path)`") }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("`\(path)` is not UTF-8 text") }
        return text
    }
}

/// An error the CLI prints as `error: MESSAGE` and exits 1 on.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

extension Terminal {
    static func raw(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

/// A regular file's device and inode: two paths name the same file when these are
/// equal (through symbolic and hard links, `./`, `..`). Nil when there is no such
/// regular file: a device or pipe (`/dev/stdin` and `/dev/stdout` may be one terminal)
/// is written in place, never replaced, so it is no input to protect.
struct FileIdentity: Equatable {
    let device: UInt64, inode: UInt64

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        device = UInt64(info.st_dev); inode = UInt64(info.st_ino)
    }
}

/// The input files of this run of the tool, by identity (`Terminal.inputsRead`).
final class InputFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [(id: FileIdentity, path: String)] = []

    func note(_ path: String) {
        guard let id = FileIdentity(path) else { return }
        lock.lock(); defer { lock.unlock() }
        if !files.contains(where: { $0.id == id }) { files.append((id, path)) }
    }

    /// The input that `path` names, if it names one (as the input was named).
    func input(at path: String) -> String? {
        guard let id = FileIdentity(path) else { return nil }
        lock.lock(); defer { lock.unlock() }
        return files.first(where: { $0.id == id })?.path
    }
}
