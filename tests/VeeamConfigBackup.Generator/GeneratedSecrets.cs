namespace VeeamConfigBackup.Generator;

/// <summary>The plain secrets a generated configuration was given, by record id, for tests to compare against.</summary>
public sealed class GeneratedSecrets
{
    public Dictionary<Guid, string> Credentials { get; } = [];

    public Dictionary<Guid, string> Passwords { get; } = [];
}
