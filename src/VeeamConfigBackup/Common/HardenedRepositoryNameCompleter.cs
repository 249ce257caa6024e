namespace VeeamConfigBackup.Commands.Common;

/// <summary>Completes only repositories that can have an immutability period: hardened folders and object storage.</summary>
public sealed class HardenedRepositoryNameCompleter : RepositoryNameCompleter
{
    protected override bool Offers(Engine.Repositories.BackupRepository repository) =>
        repository.Type is Engine.Repositories.RepositoryType.Hardened or Engine.Repositories.RepositoryType.S3Compatible;
}
