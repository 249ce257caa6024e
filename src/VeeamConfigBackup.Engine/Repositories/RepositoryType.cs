namespace VeeamConfigBackup.Engine.Repositories;

/// <summary>The kind of storage behind a backup repository. Hardened repositories are immutable: configuration backups to a server that has one must be encrypted.</summary>
public enum RepositoryType
{
    Local,
    Share,
    Hardened,

    /// <summary>An S3-compatible object storage bucket (immutable with S3 Object Lock when it has a period).</summary>
    S3Compatible,
}
