namespace VeeamConfigBackup.Engine.Archive;

/// <summary>A table of the logical export: its name and columns, in the order rows list their values.</summary>
public sealed record TableSchema(string Name, IReadOnlyList<ColumnSchema> Columns)
{
    /// <summary>Whether restoring this table is optional (job session history).</summary>
    public bool IsHistory { get; init; }
}
