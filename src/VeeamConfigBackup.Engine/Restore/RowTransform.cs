using System.Security.Cryptography;
using VeeamConfigBackup.Engine.Archive;
using VeeamConfigBackup.Engine.Protection;
using VeeamConfigBackup.Engine.Server;

namespace VeeamConfigBackup.Engine.Restore;

/// <summary>
/// Turns a restored row into what the target stores: plain secrets are protected with the target's key ring
/// (and the plain copy zeroed); a missing secret is stored empty and listed for re-entry; on a migrate, the
/// default repository moves into the target home.
/// </summary>
internal sealed class RowTransform(ServerHome target, RestoreMode mode, bool secretsIncluded, bool protect)
{
    private readonly List<RecordNeedingSecret> _needing = [];
    private readonly List<string> _warnings = [];

    public IReadOnlyList<RecordNeedingSecret> NeedingSecrets => _needing;

    public IReadOnlyList<string> Warnings => _warnings;

    public object?[] Apply(TableSchema table, object?[] row)
    {
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (table.Columns[i].Secret is not { } purpose)
            {
                continue;
            }
            if (secretsIncluded && row[i] is byte[] plain)
            {
                row[i] = protect ? target.Protector.Protect(purpose, plain) : plain;
                if (protect) CryptographicOperations.ZeroMemory(plain);
            }
            else
            {
                row[i] = Array.Empty<byte>();
                _needing.Add(new RecordNeedingSecret(Kind(purpose), NameOf(table, row, purpose), IdOf(table, row)));
            }
        }
        if (mode == RestoreMode.Migrate && table.Name == "repositories")
        {
            MoveRepository(table, row);
        }
        return row;
    }

    private void MoveRepository(TableSchema table, object?[] row)
    {
        var path = Index(table, "path");
        var isDefault = Index(table, "is_default");
        var name = Index(table, "name");
        if (row[isDefault] is 1L)
        {
            // The source's default repository lived in the source's home, which does not exist here.
            row[path] = System.IO.Path.Combine(target.Path, ServerHome.DefaultRepositoryFolder);
        }
        else if (row[path] is string folder && !Directory.Exists(folder))
        {
            _warnings.Add($"Repository '{row[name]}' points to '{folder}', which does not exist on this machine.");
        }
    }

    private static string Kind(SecretPurpose purpose) => purpose switch
    {
        SecretPurpose.PasswordManagerPassword => "Password",
        SecretPurpose.CredentialsPassword => "Credentials",
        _ => "Certificate",
    };

    private static string NameOf(TableSchema table, object?[] row, SecretPurpose purpose)
    {
        var column = purpose switch
        {
            SecretPurpose.PasswordManagerPassword => "hint",
            SecretPurpose.CredentialsPassword => "user_name",
            _ => "subject",
        };
        var index = table.Columns.ToList().FindIndex(c => c.Name == column);
        return index >= 0 ? row[index]?.ToString() ?? "" : "";
    }

    private static Guid IdOf(TableSchema table, object?[] row) => row[Index(table, "id")] switch
    {
        Guid g => g,
        string s when Guid.TryParse(s, out var g) => g,
        _ => Guid.Empty,
    };

    private static int Index(TableSchema table, string column)
    {
        var index = table.Columns.ToList().FindIndex(c => c.Name == column);
        return index >= 0 ? index : throw RestorePointDamagedException.Because($"table '{table.Name}' has no column '{column}'");
    }
}
