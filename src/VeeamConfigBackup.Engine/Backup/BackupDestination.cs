using VeeamConfigBackup.Engine.Repositories;

namespace VeeamConfigBackup.Engine.Backup;

/// <summary>Where a run writes: into the repository the job targets (looked up when the run starts), and whether old points go.</summary>
internal sealed record BackupDestination(RepositoryCatalog Repositories, bool ApplyRetention);
