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
}
