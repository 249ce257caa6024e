using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Credentials;

/// <summary>A user name and (protected) password in the Credentials Manager.</summary>
public sealed class CredentialsRecord
{
    public required Guid Id { get; init; }

    public required string UserName { get; init; }

    public string Description { get; init; } = "";

    public required CredentialsType Type { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    public required DateTimeOffset ModifiedUtc { get; init; }

    /// <summary>False after a restore from an unencrypted restore point, until the password is set again.</summary>
    public bool HasPassword => ProtectedPassword.Length > 0;

    internal byte[] ProtectedPassword { get; init; } = [];

    internal static CredentialsRecord FromRow(CredentialsRow row) => new()
    {
        Id = row.Id,
        UserName = row.UserName,
        Description = row.Description,
        Type = Enum.Parse<CredentialsType>(row.Type),
        CreatedUtc = row.CreatedUtc,
        ModifiedUtc = row.ModifiedUtc,
        ProtectedPassword = row.ProtectedPassword,
    };

    internal CredentialsRow ToRow() => new()
    {
        Id = Id,
        UserName = UserName,
        Description = Description,
        Type = Type.ToString(),
        CreatedUtc = CreatedUtc,
        ModifiedUtc = ModifiedUtc,
        ProtectedPassword = ProtectedPassword,
    };
}
