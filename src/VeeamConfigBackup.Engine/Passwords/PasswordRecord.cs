using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Passwords;

/// <summary>A password in the Password Manager. The password itself is never part of this object.</summary>
public sealed class PasswordRecord
{
    public required Guid Id { get; init; }

    public required string Hint { get; init; }

    public string Description { get; init; } = "";

    public required DateTimeOffset CreatedUtc { get; init; }

    public required DateTimeOffset ModifiedUtc { get; init; }

    /// <summary>Names of the jobs that encrypt with this password; it cannot be removed while any do.</summary>
    public IReadOnlyList<string> UsedBy { get; init; } = [];

    /// <summary>The password as protected by the server's key ring.</summary>
    internal byte[] ProtectedPassword { get; init; } = [];

    internal static PasswordRecord FromRow(PasswordRow row, IReadOnlyList<string> usedBy) => new()
    {
        Id = row.Id,
        Hint = row.Hint,
        Description = row.Description,
        CreatedUtc = row.CreatedUtc,
        ModifiedUtc = row.ModifiedUtc,
        ProtectedPassword = row.ProtectedPassword,
        UsedBy = usedBy,
    };

    internal PasswordRow ToRow() => new()
    {
        Id = Id,
        Hint = Hint,
        Description = Description,
        CreatedUtc = CreatedUtc,
        ModifiedUtc = ModifiedUtc,
        ProtectedPassword = ProtectedPassword,
    };
}
