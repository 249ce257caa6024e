namespace VeeamConfigBackup.Engine.Errors;

/// <summary>A record with the same unique name already exists.</summary>
public sealed class RecordConflictException : ConfigBackupException
{
    public RecordConflictException(RecordKind record, string identity)
        : base($"{record}AlreadyExists", ErrorKind.AlreadyExists,
               $"A {RecordNotFoundException.Describe(record)} named '{identity}' already exists. Choose another name or remove the existing one first.")
    {
        Record = record;
        Identity = identity;
    }

    public RecordKind Record { get; }

    public string Identity { get; }
}
