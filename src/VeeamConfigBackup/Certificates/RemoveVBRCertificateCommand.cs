using System.Management.Automation;
using VeeamConfigBackup.Commands.Common;
using VeeamConfigBackup.Engine.Certificates;
using VeeamConfigBackup.Engine.Errors;

namespace VeeamConfigBackup.Commands.Certificates;

/// <summary>Removes certificates, with their protected private keys, from the server.</summary>
[Cmdlet(VerbsCommon.Remove, "VBRCertificate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(typeof(void))]
public sealed class RemoveVBRCertificateCommand : RemoveRecordCmdlet<CertificateRecord>
{
    /// <summary>Thumbprints to remove; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ByName)]
    [SupportsWildcards]
    public string[] Thumbprint { get; set; } = [];

    protected override string[] NamePatterns => Thumbprint;

    protected override RecordKind Kind => RecordKind.Certificate;

    protected override IReadOnlyList<CertificateRecord> ListRecords() => Server.Certificates.List();

    protected override Guid IdOf(CertificateRecord record) => record.Id;

    protected override string NameOf(CertificateRecord record) => record.Thumbprint;

    protected override string Describe(CertificateRecord record) => $"certificate '{record.Subject}' ({record.Thumbprint})";

    protected override void RemoveRecord(CertificateRecord record) => Server.Certificates.Remove(record.Id);
}
