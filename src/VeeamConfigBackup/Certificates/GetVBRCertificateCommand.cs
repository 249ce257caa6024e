using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Certificates;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Commands.Certificates;

/// <summary>Lists the server's certificates (never their private keys).</summary>
[Cmdlet(VerbsCommon.Get, "VBRCertificate", DefaultParameterSetName = ParameterSets.ByName)]
[OutputType(typeof(CertificateRecord))]
public sealed class GetVBRCertificateCommand : GetRecordCmdlet<CertificateRecord>
{
    /// <summary>Subjects to match (for example 'CN=backup*'); wildcards allowed.</summary>
    [Parameter(Position = 0, ParameterSetName = ParameterSets.ByName)]
    [SupportsWildcards]
    public string[]? Subject { get; set; }

    protected override string[]? NamePatterns => Subject;

    protected override RecordKind Kind => RecordKind.Certificate;

    protected override IReadOnlyList<CertificateRecord> ListRecords() => Server.Certificates.List();

    protected override Guid IdOf(CertificateRecord record) => record.Id;

    protected override string NameOf(CertificateRecord record) => record.Subject;
}
