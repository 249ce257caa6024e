using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Repositories;
using VeeamConfigBackup.Engine.Storage;

namespace VeeamConfigBackup.Commands.Common;

/// <summary>Restore points in object storage are named <c>s3://bucket/key</c>; these find the repository that opens one.</summary>
internal static class ObjectStorageIds
{
    public static bool IsObjectId(string path) => path.StartsWith("s3://", StringComparison.Ordinal);

    public static IRestorePointStore? OpenStoreFor(string path, string? repositoryName, RepositoryCatalog repositories)
    {
        if (!IsObjectId(path))
        {
            return null;
        }
        var candidates = repositories.List().Where(r => r.Type == RepositoryType.S3Compatible).ToList();
        var repository = (repositoryName is null ? null : candidates.FirstOrDefault(r => r.Name == repositoryName))
            ?? candidates.FirstOrDefault(r => path.StartsWith(r.Path.TrimEnd('/') + "/", StringComparison.Ordinal))
            ?? throw new ConfigBackupException("RepositoryNotFound", ErrorKind.NotFound,
                $"No registered S3-compatible repository holds '{path}'.")
            {
                RecommendedAction = "Register its bucket with Add-VBRBackupRepository -Type S3Compatible, or pipe the point from Get-VBRConfigBackup.",
            };
        return repositories.OpenStore(repository);
    }
}
