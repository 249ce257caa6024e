namespace VeeamConfigBackup.Engine.Restore;

/// <summary>A restored record whose secret was not in the restore point and must be entered again.</summary>
public sealed record RecordNeedingSecret(string Type, string Name, Guid Id)
{
    /// <summary>The command that sets the secret again.</summary>
    public string HowToFix => Type switch
    {
        "Password" => $"Set-VBRPassword -Id {Id} -Password <SecureString>",
        "Credentials" => $"Set-VBRCredentials -Id {Id} -Password <SecureString>",
        "SecurityOfficer" => "Set-VBRSecurityOfficerPassphrase (the officer key did not travel)",
        _ => $"Remove-VBRCertificate -Id {Id}, then Add-VBRCertificate with the PFX file",
    };
}
