using VeeamConfigBackup.Engine.Protection;

namespace VeeamConfigBackup.Engine.Archive;

/// <summary>
/// A column of the logical export. A secret column is stored protected by the key ring in the database;
/// an encrypted restore point carries its plain value, an unencrypted one carries nil.
/// </summary>
public sealed record ColumnSchema(string Name, ColumnType Type, bool Nullable = false, SecretPurpose? Secret = null);
