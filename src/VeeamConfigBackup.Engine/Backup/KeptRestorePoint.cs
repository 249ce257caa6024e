namespace VeeamConfigBackup.Engine.Backup;

/// <summary>A restore point retention would have deleted but kept, because it is still immutable.</summary>
public sealed record KeptRestorePoint(string Path, DateTimeOffset ImmutableUntilUtc)
{
    public override string ToString() => $"{System.IO.Path.GetFileName(Path)} (immutable until {ImmutableUntilUtc.UtcDateTime:u})";
}
