/// The value of a desk's own `x-` field: kept as typed, never checked.
public indirect enum ExtensionValue: Sendable, Hashable, Codable {
    case null
    case text(String)
    case list([ExtensionValue])
    case map([ExtensionField])

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .text(text): try container.encode(text)
        case let .list(items): try container.encode(items)
        case let .map(fields):
            // Keys keep the order they were typed in.
            var keyed = encoder.container(keyedBy: DynamicKey.self)
            for field in fields { try keyed.encode(field.value, forKey: DynamicKey(field.key)) }
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let text = try? container.decode(String.self) { self = .text(text); return }
        if let items = try? container.decode([ExtensionValue].self) { self = .list(items); return }
        let keyed = try decoder.container(keyedBy: DynamicKey.self)
        self = .map(try keyed.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
            ExtensionField(key: $0.stringValue, value: try keyed.decode(ExtensionValue.self, forKey: $0))
        })
    }

    private struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

public struct ExtensionField: Sendable, Hashable, Codable {
    public var key: String
    public var value: ExtensionValue
}

/// The `x-` fields of one record, in the order they were typed.
public typealias Extensions = [ExtensionField]
