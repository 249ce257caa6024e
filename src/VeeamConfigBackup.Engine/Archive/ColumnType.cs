namespace VeeamConfigBackup.Engine.Archive;

/// <summary>Engine-neutral column types of the logical export (docs/bco-format.md, "Content").</summary>
public enum ColumnType
{
    /// <summary>64-bit signed integer (MessagePack int).</summary>
    Integer,

    /// <summary>UTF-8 text (MessagePack str).</summary>
    Text,

    /// <summary>Bytes (MessagePack bin).</summary>
    Blob,

    /// <summary>A GUID as 16 bytes in RFC 4122 (big-endian) order (MessagePack bin 16); text in the database.</summary>
    Guid,
}
