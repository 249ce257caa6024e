namespace VeeamConfigBackup.Engine.Errors;

/// <summary>The database was written by a newer version of this product; opening it could lose data, so it is refused.</summary>
public sealed class SchemaTooNewException : ConfigBackupException
{
    public SchemaTooNewException(int found, int supported)
        : base("DatabaseSchemaTooNew", ErrorKind.NotSupported,
               $"The configuration database has schema version {found}, newer than the {supported} this module supports. Update the module; the database was not changed.")
    {
        FoundVersion = found;
        SupportedVersion = supported;
    }

    public int FoundVersion { get; }

    public int SupportedVersion { get; }
}
