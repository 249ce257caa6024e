namespace VeeamConfigBackup.Engine.Repositories;

/// <summary>The kind of storage behind a backup repository. Hardened repositories are immutable: configuration backups to a server that has one must be encrypted.</summary>
public enum RepositoryType
{
    Local,
    Share,
    Hardened,
}
