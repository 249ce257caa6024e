using VeeamConfigBackup.Engine.Errors;
using VeeamConfigBackup.Engine.Repositories;
using VeeamConfigBackup.Engine.Tests.Support;

namespace VeeamConfigBackup.Engine.Tests.Repositories;

public sealed class RepositoryCatalogTests
{
    [Fact]
    public void Repositories_are_added_listed_and_removed_but_the_default_stays()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        var path = Path.Combine(temp.Path, "hardened") + Path.DirectorySeparatorChar;
        var added = home.Repositories.Add("Immutable", path, RepositoryType.Hardened);
        Assert.Equal(Path.Combine(temp.Path, "hardened"), added.Path);
        Assert.Equal(2, home.Repositories.List().Count);
        home.Repositories.Remove(added.Id);
        var ex = Assert.Throws<ConfigBackupException>(() => home.Repositories.Remove(home.Repositories.Default.Id));
        Assert.Equal("DefaultRepositoryCannotBeRemoved", ex.ErrorId);
        Assert.Single(home.Repositories.List());
    }

    [Fact]
    public void Relative_paths_and_duplicate_names_are_refused()
    {
        using var temp = new TempHome();
        using var home = temp.Open();
        Assert.Equal("InvalidRepositoryPath", Assert.Throws<ConfigBackupException>(() => home.Repositories.Add("r", "relative/path", RepositoryType.Local)).ErrorId);
        Assert.Equal("RepositoryAlreadyExists", Assert.Throws<RecordConflictException>(
            () => home.Repositories.Add(RepositoryCatalog.DefaultName.ToUpperInvariant(), temp.Path, RepositoryType.Local)).ErrorId);
        Assert.Single(home.Repositories.List());
    }
}
