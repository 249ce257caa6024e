@{
    RootModule           = 'VeeamConfigBackup.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0e6c1d-8f0a-4c52-9a57-2f6d7c1e3b94'
    Author               = 'VeeamConfigBackup contributors'
    CompanyName          = 'VeeamConfigBackup'
    Copyright            = '(c) VeeamConfigBackup contributors'
    Description          = 'Encrypted configuration backups for a backup server: Password Manager, Credentials Manager, configuration records, and portable encrypted restore points.'
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('VeeamConfigBackup.Format.ps1xml')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    CmdletsToExport      = @(
        'Connect-VBRServer'
        'Disconnect-VBRServer'
        'Get-VBRServerSession'
        'Add-VBRPassword'
        'Get-VBRPassword'
        'Set-VBRPassword'
        'Remove-VBRPassword'
        'Test-VBRPassword'
        'Add-VBRCredentials'
        'Get-VBRCredentials'
        'Set-VBRCredentials'
        'Remove-VBRCredentials'
        'Add-VBRBackupRepository'
        'Get-VBRBackupRepository'
        'Set-VBRBackupRepository'
        'Remove-VBRBackupRepository'
        'Add-VBRCertificate'
        'Get-VBRCertificate'
        'Remove-VBRCertificate'
        'Add-VBRKmsServer'
        'Get-VBRKmsServer'
        'Remove-VBRKmsServer'
        'Get-VBRConfigBackupJob'
        'Set-VBRConfigBackupJob'
        'New-VBRConfigBackupScheduleOptions'
        'Get-VBRConfigBackupEncryption'
        'Set-VBRConfigBackupEncryption'
        'Start-VBRConfigBackup'
        'Get-VBRConfigBackupSession'
        'Get-VBRConfigBackup'
        'Remove-VBRConfigBackup'
        'Test-VBRConfigBackup'
        'Restore-VBRConfigBackup'
        'Enable-VBRPasswordLossProtection'
        'Get-VBRPasswordLossProtection'
        'Disable-VBRPasswordLossProtection'
        'Enable-VBRSecurityOfficer'
        'Get-VBRSecurityOfficer'
        'Set-VBRSecurityOfficerPassphrase'
        'Get-VBRConfigBackupPolicyWarning'
        'Register-VBRConfigBackupSchedule'
        'Unregister-VBRConfigBackupSchedule'
        'Get-VBRConfigBackupSchedule'
        'Add-VBRSyslogServer'
        'Get-VBRSyslogServer'
        'Set-VBRSyslogServer'
        'Remove-VBRSyslogServer'
        'Get-VBRMailNotificationConfiguration'
        'Set-VBRMailNotificationConfiguration'
    )
    AliasesToExport      = @(
        'Add-VBREncryptionKey'
        'Get-VBREncryptionKey'
        'Set-VBREncryptionKey'
        'Remove-VBREncryptionKey'
        'Get-VBRConfigurationBackupJob'
        'Set-VBRConfigurationBackupJob'
        'Start-VBRConfigurationBackupJob'
    )
    PrivateData          = @{
        PSData = @{
            Tags = @('Backup', 'Encryption', 'Configuration')
        }
    }
}
