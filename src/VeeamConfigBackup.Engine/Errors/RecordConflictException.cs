namespace VeeamConfigBackup.Engine.Errors;

/// <summary>A record with the same unique name already exists.</summary>
public sealed class RecordConflictException : ConfigBackupException
{
    public RecordConflictException(RecordKind record, string identity)
        : base($"{record}AlreadyExists", ErrorKind.AlreadyExists,
               $"A {RecordNotFoundException.Describe(record)} {IdentityLabel(record)} '{identity}' already exists. Choose another {IdentityNoun(record)} or remove the existing record first.")
    {
        Record = record;
        Identity = identity;
    }

    public RecordKind Record { get; }

    public string Identity { get; }

    private static string IdentityLabel(RecordKind record) => record switch
    {
        RecordKind.Password => "with the hint",
        RecordKind.Certificate => "with the thumbprint",
        RecordKind.SyslogServer => "at",
        _ => "named",
    };

    private static string IdentityNoun(RecordKind record) => record switch
    {
        RecordKind.Password => "hint",
        RecordKind.Certificate => "certificate",
        RecordKind.SyslogServer => "host, port or protocol",
        _ => "name",
    };
}
