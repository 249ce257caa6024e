namespace VeeamConfigBackup.Engine.Archive;

/// <summary>The names the format uses for column types.</summary>
internal static class ContentTypes
{
    public static string Name(ColumnType type) => type switch
    {
        ColumnType.Integer => "integer",
        ColumnType.Text => "text",
        ColumnType.Blob => "blob",
        ColumnType.Guid => "guid",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static ColumnType Parse(string name) => name switch
    {
        "integer" => ColumnType.Integer,
        "text" => ColumnType.Text,
        "blob" => ColumnType.Blob,
        "guid" => ColumnType.Guid,
        _ => throw RestorePointDamagedException.Because($"a column has the unknown type '{Errors.UntrustedText.Quote(name)}'"),
    };

    public static bool Matches(ColumnType type, object? value) => type switch
    {
        ColumnType.Integer => value is long,
        ColumnType.Text => value is string,
        ColumnType.Blob => value is byte[],
        ColumnType.Guid => value is Guid,
        _ => false,
    };
}
