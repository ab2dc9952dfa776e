/// Encodes a model value straight into a `JSONValue` tree: the tree that
/// `JSONEncoder` followed by decoding its bytes as `JSONValue` gives, without
/// writing or parsing any text. Templates and the diff read every brief this
/// way, several times per brief, and the round trip through text was the
/// biggest cost of rendering.
///
/// It mirrors what that round trip does to each value: every number becomes a
/// `Double` (a `Float` as the decimal text JSON would hold, read back as a
/// `Double`); `nil` optionals left out by `encodeIfPresent` are absent, explicit
/// nils are `null`; a non-finite number fails, as `JSONEncoder` does. Like the
/// model, it knows nothing of `Date`, `Data` or `URL`: values of those types
/// would encode through their own `Encodable` conformance, not `JSONEncoder`'s
/// special cases, so the model does not use them.
enum JSONValueEncoder {
    struct NonFiniteNumber: Error {
        var codingPath: [any CodingKey]
    }

    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        try ValueEncoder.tree(of: value, codingPath: [])
    }
}

/// One value being encoded. It becomes a single value, an object or an array,
/// depending on the first container asked for; nested containers are encoders
/// of their own, resolved when the parent's value is read.
private final class ValueEncoder: Encoder {
    enum Storage {
        case empty
        case value(JSONValue)
        case object(ObjectStorage)
        case array(ArrayStorage)
    }

    /// Fields as values, plus nested containers still being filled.
    final class ObjectStorage {
        var fields: [String: JSONValue] = [:]
        var nested: [(String, ValueEncoder)] = []
    }

    /// Items as values; a nested container's slot holds `null` until it is resolved.
    final class ArrayStorage {
        var items: [JSONValue] = []
        var nested: [(Int, ValueEncoder)] = []
    }

    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var storage: Storage = .empty

    init(codingPath: [any CodingKey]) {
        self.codingPath = codingPath
    }

    /// `value` as a tree. Plain values skip the encoder altogether.
    static func tree<T: Encodable>(of value: T, codingPath: @autoclosure () -> [any CodingKey]) throws -> JSONValue {
        switch value {
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .number(Double(number))
        case let number as Double:
            guard number.isFinite else { throw JSONValueEncoder.NonFiniteNumber(codingPath: codingPath()) }
            return .number(number)
        case let model as any JSONModel:
            return try model.jsonTree()
        default:
            let encoder = ValueEncoder(codingPath: codingPath())
            try value.encode(to: encoder)
            return encoder.result
        }
    }

    /// What was encoded; an encoder nothing was written to gives an empty
    /// object, as `JSONEncoder` does.
    var result: JSONValue {
        switch storage {
        case .empty: return .object([:])
        case let .value(value): return value
        case let .object(object):
            var fields = object.fields
            for (key, encoder) in object.nested { fields[key] = encoder.result }
            return .object(JSONObject(fields))
        case let .array(array):
            var items = array.items
            for (index, encoder) in array.nested { items[index] = encoder.result }
            return .array(items)
        }
    }

    func objectStorage() -> ObjectStorage {
        if case let .object(object) = storage { return object }
        let object = ObjectStorage()
        storage = .object(object)
        return object
    }

    func arrayStorage() -> ArrayStorage {
        if case let .array(array) = storage { return array }
        let array = ArrayStorage()
        storage = .array(array)
        return array
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, object: objectStorage()))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(encoder: self, array: arrayStorage())
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }

    // MARK: - Scalars, as the text round trip leaves them

    static func number<N: BinaryInteger>(_ value: N) -> JSONValue { .number(Double(value)) }

    static func number(_ value: Double, _ codingPath: @autoclosure () -> [any CodingKey]) throws -> JSONValue {
        guard value.isFinite else { throw JSONValueEncoder.NonFiniteNumber(codingPath: codingPath()) }
        return .number(value)
    }

    /// A `Float` is written as its own shortest decimal text, which reads back as a different `Double`.
    static func number(_ value: Float, _ codingPath: @autoclosure () -> [any CodingKey]) throws -> JSONValue {
        guard value.isFinite else { throw JSONValueEncoder.NonFiniteNumber(codingPath: codingPath()) }
        return .number(Double(value.description) ?? Double(value))
    }

    // MARK: - Containers

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: ValueEncoder
        let object: ObjectStorage
        var codingPath: [any CodingKey] { encoder.codingPath }

        func set(_ value: JSONValue, _ key: Key) { object.fields[key.stringValue] = value }

        mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { set(try ValueEncoder.number(value, codingPath + [key]), key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { set(try ValueEncoder.number(value, codingPath + [key]), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { set(ValueEncoder.number(value), key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { set(ValueEncoder.number(value), key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { set(ValueEncoder.number(value), key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { set(ValueEncoder.number(value), key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { set(ValueEncoder.number(value), key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { set(ValueEncoder.number(value), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { set(ValueEncoder.number(value), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { set(ValueEncoder.number(value), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { set(ValueEncoder.number(value), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { set(ValueEncoder.number(value), key) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            set(try ValueEncoder.tree(of: value, codingPath: codingPath + [key]), key)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            nested(key).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            nested(key).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { nested(JSONKey("super")) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { nested(key) }

        func nested(_ key: some CodingKey) -> ValueEncoder {
            let child = ValueEncoder(codingPath: codingPath + [key])
            object.fields[key.stringValue] = nil
            object.nested.append((key.stringValue, child))
            return child
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let encoder: ValueEncoder
        let array: ArrayStorage
        var codingPath: [any CodingKey] { encoder.codingPath }
        var count: Int { array.items.count }

        func append(_ value: JSONValue) { array.items.append(value) }
        var nextKey: JSONKey { JSONKey(index: array.items.count) }

        mutating func encodeNil() throws { append(.null) }
        mutating func encode(_ value: Bool) throws { append(.bool(value)) }
        mutating func encode(_ value: String) throws { append(.string(value)) }
        mutating func encode(_ value: Double) throws { append(try ValueEncoder.number(value, codingPath + [nextKey])) }
        mutating func encode(_ value: Float) throws { append(try ValueEncoder.number(value, codingPath + [nextKey])) }
        mutating func encode(_ value: Int) throws { append(ValueEncoder.number(value)) }
        mutating func encode(_ value: Int8) throws { append(ValueEncoder.number(value)) }
        mutating func encode(_ value: Int16) throws { append(ValueEncoder.number(value)) }
        mutating func encode(_ value: Int32) throws { append(ValueEncoder.number(value)) }
        mutating func encode(_ value: Int64) throws { append(ValueEncoder.number(value)) }
        mutating func encode(_ value: UInt) throws { append(ValueEncoder.number(value)) }
        mutating func encode(_ value: UInt8) throws { append(ValueEncoder.number(value)) }
        mutating func encode(_ value: UInt16) throws { append(ValueEncoder.number(value)) }
        mutating func encode(_ value: UInt32) throws { append(ValueEncoder.number(value)) }
        mutating func encode(_ value: UInt64) throws { append(ValueEncoder.number(value)) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            append(try ValueEncoder.tree(of: value, codingPath: codingPath + [nextKey]))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            nested().container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { nested().unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { nested() }

        func nested() -> ValueEncoder {
            let child = ValueEncoder(codingPath: codingPath + [nextKey])
            array.nested.append((array.items.count, child))
            array.items.append(.null)
            return child
        }
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: ValueEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        func set(_ value: JSONValue) { encoder.storage = .value(value) }

        mutating func encodeNil() throws { set(.null) }
        mutating func encode(_ value: Bool) throws { set(.bool(value)) }
        mutating func encode(_ value: String) throws { set(.string(value)) }
        mutating func encode(_ value: Double) throws { set(try ValueEncoder.number(value, codingPath)) }
        mutating func encode(_ value: Float) throws { set(try ValueEncoder.number(value, codingPath)) }
        mutating func encode(_ value: Int) throws { set(ValueEncoder.number(value)) }
        mutating func encode(_ value: Int8) throws { set(ValueEncoder.number(value)) }
        mutating func encode(_ value: Int16) throws { set(ValueEncoder.number(value)) }
        mutating func encode(_ value: Int32) throws { set(ValueEncoder.number(value)) }
        mutating func encode(_ value: Int64) throws { set(ValueEncoder.number(value)) }
        mutating func encode(_ value: UInt) throws { set(ValueEncoder.number(value)) }
        mutating func encode(_ value: UInt8) throws { set(ValueEncoder.number(value)) }
        mutating func encode(_ value: UInt16) throws { set(ValueEncoder.number(value)) }
        mutating func encode(_ value: UInt32) throws { set(ValueEncoder.number(value)) }
        mutating func encode(_ value: UInt64) throws { set(ValueEncoder.number(value)) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            set(try ValueEncoder.tree(of: value, codingPath: codingPath))
        }
    }
}

/// A coding key for array positions and `super`.
private struct JSONKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(_ string: String) {
        stringValue = string
        intValue = nil
    }

    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(index: intValue) }
}
