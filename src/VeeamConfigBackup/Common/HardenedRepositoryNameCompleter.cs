namespace VeeamConfigBackup.Commands.Common;

/// <summary>Completes only hardened repositories: the others have no immutability period to set.</summary>
public sealed class HardenedRepositoryNameCompleter : RepositoryNameCompleter
{
    protected override bool Offers(Engine.Repositories.BackupRepository repository) => repository.Type == Engine.Repositories.RepositoryType.Hardened;
}
