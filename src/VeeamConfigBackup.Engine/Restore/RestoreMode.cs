namespace VeeamConfigBackup.Engine.Restore;

/// <summary>Restore: back onto the server the point was made on. Migrate: onto another server (home) or database.</summary>
public enum RestoreMode
{
    Restore,
    Migrate,
}
