namespace VeeamConfigBackup.Engine.Errors;

/// <summary>No record of <see cref="Record"/> kind matches what was asked for.</summary>
public sealed class RecordNotFoundException : ConfigBackupException
{
    public RecordNotFoundException(RecordKind record, string identity)
        : base($"{record}NotFound", ErrorKind.NotFound,
               $"No {Describe(record)} matches '{identity}'. Run {ListCommand(record)} to see what exists.")
    {
        Record = record;
        Identity = identity;
    }

    public RecordKind Record { get; }

    public string Identity { get; }

    internal static string Describe(RecordKind record) => record switch
    {
        RecordKind.Password => "password in the Password Manager",
        RecordKind.Credentials => "credentials record in the Credentials Manager",
        RecordKind.Repository => "backup repository",
        RecordKind.Certificate => "certificate",
        RecordKind.KmsServer => "KMS server",
        RecordKind.SyslogServer => "syslog server",
        _ => record.ToString(),
    };

    private static string ListCommand(RecordKind record) => record switch
    {
        RecordKind.Repository => "Get-VBRBackupRepository",
        _ => $"Get-VBR{record}",
    };
}
