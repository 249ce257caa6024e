using VeeamConfigBackup.Engine.Server;
using VeeamConfigBackup.Engine.Store;

namespace VeeamConfigBackup.Engine.Tests.Support;

/// <summary>
/// Every exported table of a server as sorted text lines, secrets unprotected with that server's own key ring,
/// so two servers (or one server before and after) can be compared record for record. Sessions of restores are left out.
/// </summary>
internal static class TableDump
{
    public static Dictionary<string, List<string>> Of(ServerHome home, Func<string, string, object?, object?>? adjust = null)
    {
        var result = new Dictionary<string, List<string>>();
        using var snapshot = home.Store.OpenSnapshot();
        foreach (var table in ExportedTables.All)
        {
            var lines = new List<string>();
            var type = table.Columns.ToList().FindIndex(c => c.Name == "type");
            foreach (var row in snapshot.ReadRows(table))
            {
                // A restore puts itself on the record, failed or not: "unchanged" means everything but that session,
                // which the restore-record tests check on their own.
                if (table.Name == "config_backup_sessions" && type >= 0 && row[type] as string == "Restore")
                {
                    continue;
                }
                var values = new List<string>();
                for (var i = 0; i < row.Length; i++)
                {
                    var value = row[i];
                    if (table.Columns[i].Secret is { } purpose && value is byte[] { Length: > 0 } protectedValue)
                    {
                        using var plain = home.Protector.Unprotect(purpose, protectedValue);
                        value = plain.Span.ToArray();
                    }
                    value = adjust?.Invoke(table.Name, table.Columns[i].Name, value) ?? value;
                    values.Add(value switch
                    {
                        null => "<null>",
                        byte[] b => Convert.ToHexString(b),
                        _ => value.ToString()!,
                    });
                }
                lines.Add(string.Join("|", values));
            }
            lines.Sort(StringComparer.Ordinal);
            result[table.Name] = lines;
        }
        return result;
    }

    public static void AssertEqual(Dictionary<string, List<string>> expected, Dictionary<string, List<string>> actual, params string[] except)
    {
        foreach (var (table, rows) in expected.Where(t => !except.Contains(t.Key)))
        {
            Assert.True(rows.SequenceEqual(actual[table]), $"table {table} differs: expected {rows.Count} rows, got {actual[table].Count}\n{string.Join("\n", rows.Except(actual[table]).Take(3))}");
        }
    }
}
