namespace VeeamConfigBackup.Generator;

/// <summary>How large a generated configuration is. The defaults make a small but complete one.</summary>
public sealed record GeneratorOptions
{
    public int Repositories { get; init; } = 3;

    public int Credentials { get; init; } = 5;

    public int ManagedServers { get; init; } = 10;

    public int Jobs { get; init; } = 8;

    public int Passwords { get; init; } = 2;

    /// <summary>Rows of job session history: the part that grows without bound on a real server.</summary>
    public int Sessions { get; init; } = 100;

    public int Seed { get; init; } = 1;
}
