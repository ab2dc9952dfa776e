/// The event vocabulary built into the program (Resources/vocabulary.yaml).
enum ShippedVocabulary {
    static let path = "<built-in>/vocabulary.yaml"

    static let file: DatasetFile = DatasetFile.read(bytes: PackageResources.vocabulary_yaml, path: path, shipped: true)
}
