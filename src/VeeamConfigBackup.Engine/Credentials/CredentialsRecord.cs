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
}
