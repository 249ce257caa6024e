BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Pack = Join-Path $PSScriptRoot '../../examples/Compliance.Tests.ps1'
    $script:PesterManifest = (Get-Module Pester).Path
    $script:Key = 'Compliance-Passw0rd-1'

    # Runs the compliance pack as an administrator would, in its own pwsh, and returns which checks failed.
    function Invoke-CompliancePack([string] $HomePath, [string] $PasswordText) {
        $passwordArgument = if ($PasswordText) { "Password = (ConvertTo-SecureString '$PasswordText' -AsPlainText -Force)" } else { '' }
        $child = Invoke-ChildPwsh -HomePath (Join-Path $script:TestRoot 'unused-default') -TimeoutSeconds 120 -Script @"
Import-Module '$script:PesterManifest'
`$data = @{ ServerHome = '$HomePath'; $passwordArgument }
`$r = Invoke-Pester -Container (New-PesterContainer -Path '$script:Pack' -Data `$data) -PassThru -Output None
[pscustomobject]@{ Passed = `$r.PassedCount; Failed = @(`$r.Failed | ForEach-Object ExpandedName) } | ConvertTo-Json -Compress
"@
        $child.ExitCode | Should -Be 0 -Because $child.Errors
        $child.Output.Trim().Split("`n")[-1] | ConvertFrom-Json
    }
}
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'The compliance pack (examples/Compliance.Tests.ps1)' {
    It 'passes on a compliant server' {
        $homePath = New-TestHome 'compliant'
        $null = Add-VBRPassword -Password (Secure $Key) -Hint 'compliance'
        $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey 'compliance' -WarningAction SilentlyContinue
        $null = Enable-VBRPasswordLossProtection -RecoveryKeyPath (Join-Path $script:TestRoot 'compliant-recovery.pem') -RecoveryKeyPassword (Secure 'Recovery-Key-Passw0rd-1') -WarningAction SilentlyContinue
        $repo = Add-VBRBackupRepository -Name 'offsite' -Path (Join-Path $script:TestRoot 'compliant-offsite')
        Set-VBRConfigBackupJob -Repository $repo
        (Start-VBRConfigBackup -WarningAction SilentlyContinue).Result | Should -Be 'Success'
        Get-VBRConfigBackupPolicyWarning | Should -BeNullOrEmpty
        Disconnect-VBRServer
        $result = Invoke-CompliancePack $homePath $Key
        $result.Failed | Should -BeNullOrEmpty
        $result.Passed | Should -Be 6
    }

    It 'fails a non-compliant server on the right checks' {
        $homePath = New-TestHome 'non-compliant'
        $null = Add-VBRPassword -Password (Secure $Key) -Hint 'unused'
        $null = Start-VBRConfigBackup -ErrorAction SilentlyContinue -WarningAction SilentlyContinue   # blocked: passwords, no encryption
        Disconnect-VBRServer
        $result = Invoke-CompliancePack $homePath $null
        $result.Failed | Should -Contain 'configuration backups are encrypted'
        $result.Failed | Should -Contain 'no rule blocks the configuration backup job'
        $result.Failed | Should -Contain 'a lost password can be recovered (password loss protection)'
        $result.Failed | Should -Contain 'the last configuration backup succeeded within 30 hours'
        $result.Failed | Should -Contain 'the newest restore point verifies'
        $result.Failed | Should -Not -Contain 'the configuration backup job is enabled'
    }
}
