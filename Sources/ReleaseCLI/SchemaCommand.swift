import ArgumentParser
import ReleaseCore

struct SchemaCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "Print the manifest's JSON Schema, for editors.",
    discussion: """
      Point your editor's YAML support at it, for example with a first line \
      `# yaml-language-server: $schema=./release.schema.json` after `boomi-release schema > release.schema.json`.
      """)

  func run() async {
    Console(color: .never).out(ManifestFormat.jsonSchema.prettyPrinted())
  }
}
