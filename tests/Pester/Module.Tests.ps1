BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:ModuleFolder = Split-Path $script:ModuleManifest
    $script:Manifest = Import-PowerShellDataFile $script:ModuleManifest
}
AfterAll { Remove-TestRoot }

Describe 'The built module folder' {
    It 'requires PowerShell 7.6 Core and lists its format file' {
        $Manifest.PowerShellVersion | Should -Be '7.6'
        $Manifest.CompatiblePSEditions | Should -Be @('Core')
        $Manifest.FormatsToProcess | Should -Contain 'VeeamConfigBackup.Format.ps1xml'
        Test-Path (Join-Path $ModuleFolder 'VeeamConfigBackup.Format.ps1xml') | Should -BeTrue
    }

    It 'exports explicit lists, no wildcards' {
        $Manifest.CmdletsToExport | Should -Not -Contain '*'
        $Manifest.AliasesToExport | Should -Not -Contain '*'
        $Manifest.FunctionsToExport.Count | Should -Be 0
    }

    It 'carries native SQLite at its root and no copy of PowerShell' {
        (Get-ChildItem $ModuleFolder -Filter '*e_sqlite3*' -File).Count | Should -BeGreaterThan 0
        Test-Path (Join-Path $ModuleFolder 'System.Management.Automation.dll') | Should -BeFalse
    }

    It 'imports in a fresh pwsh and works there' {
        $child = Invoke-ChildPwsh -HomePath (Join-Path $script:TestRoot 'fresh') -Script '(Get-Command -Module VeeamConfigBackup).Count; (Get-VBRBackupRepository).IsDefault'
        $child.ExitCode | Should -Be 0 -Because $child.Errors
        $lines = $child.Output.Trim() -split '\r?\n'
        [int]$lines[0] | Should -Be ($Manifest.CmdletsToExport.Count + $Manifest.AliasesToExport.Count)
        $lines[1] | Should -Be 'True'
    }
}

Describe 'Help for <_>' -ForEach @((Import-PowerShellDataFile ($env:VBR_TEST_MODULE ?? (Join-Path $PSScriptRoot '../../out/VeeamConfigBackup/VeeamConfigBackup.psd1'))).CmdletsToExport) {
    BeforeAll { $script:Help = Get-Help $_ -Full }

    It 'has a synopsis' { $Help.Synopsis.Trim() | Should -Not -BeLike "$_*" }
    It 'has a description' { ($Help.description.Text -join '') | Should -Not -BeNullOrEmpty }
    It 'has an example with code' { @($Help.examples.example | Where-Object code).Count | Should -BeGreaterThan 0 }
    It 'describes every parameter' {
        $undocumented = @($Help.parameters.parameter | Where-Object { $_ -and -not ($_.description.Text -join '') } | ForEach-Object name)
        $undocumented | Should -BeNullOrEmpty
    }
}

Describe 'Output objects carry the product type names' {
    It 'a configuration backup result is a VBRConfigBackupResult with VBRPolicyWarning findings' {
        $null = New-TestHome
        $result = Start-VBRConfigBackup -WarningAction SilentlyContinue
        $result.PSObject.TypeNames[0] | Should -Be 'VeeamConfigBackup.VBRConfigBackupResult'
        ($result | Get-Member)[0].TypeName | Should -Be 'VeeamConfigBackup.VBRConfigBackupResult'
        (Get-VBRConfigBackupEncryption).PSObject.TypeNames[0] | Should -Be 'VeeamConfigBackup.VBRConfigBackupEncryptionStatus'
        (Get-VBRConfigBackupPolicyWarning | Select-Object -First 1).PSObject.TypeNames[0] | Should -Be 'VeeamConfigBackup.VBRPolicyWarning'
        (Get-VBRBackupRepository).PSObject.TypeNames[0] | Should -Be 'VeeamConfigBackup.VBRBackupRepository'
        Disconnect-VBRServer
    }
}

Describe 'Table views' {
    It 'has a table view for <_>' -ForEach @(
        'VeeamConfigBackup.Engine.Server.ServerSession'
        'VeeamConfigBackup.Engine.Passwords.PasswordRecord'
        'VeeamConfigBackup.Engine.Credentials.CredentialsRecord'
        'VeeamConfigBackup.Engine.Repositories.BackupRepository'
        'VeeamConfigBackup.Engine.Certificates.CertificateRecord'
        'VeeamConfigBackup.Engine.KmsServers.KmsServerRecord'
        'VeeamConfigBackup.Engine.Backup.ConfigBackupJobInfo'
        'VeeamConfigBackup.Engine.Backup.ConfigBackupEncryptionStatus'
        'VeeamConfigBackup.Engine.Backup.ConfigBackupResult'
        'VeeamConfigBackup.Engine.Backup.BackupSession'
        'VeeamConfigBackup.Engine.Backup.RestorePointInfo'
        'VeeamConfigBackup.Engine.Backup.ScheduleOptions'
        'VeeamConfigBackup.Engine.Policy.PolicyWarning'
        'VeeamConfigBackup.Engine.Restore.ConfigRestoreResult'
        'VeeamConfigBackup.Engine.Restore.ConfigBackupVerification'
        'VeeamConfigBackup.Engine.Recovery.PasswordLossProtectionStatus'
        'VeeamConfigBackup.Engine.SecurityOfficer.SecurityOfficerStatus'
    ) {
        $format = Get-FormatData -TypeName $_
        $format | Should -Not -BeNullOrEmpty
        $format.FormatViewDefinition.Control | Where-Object { $_ -is [System.Management.Automation.TableControl] } | Should -Not -BeNullOrEmpty
    }

    It 'shows passwords as a table with their hints' {
        $null = New-TestHome
        $null = Add-VBRPassword -Password (Secure 'Table-View-Passw0rd') -Hint 'table hint'
        $text = Get-VBRPassword | Out-String -Width 200
        $text | Should -Match 'Hint'
        $text | Should -Match 'table hint'
        $text | Should -Not -Match 'Table-View-Passw0rd'
        Disconnect-VBRServer
    }

    It 'shows the rule ids of the encryption status in its table' {
        $null = New-TestHome
        (Get-VBRConfigBackupEncryption | Out-String -Width 200) | Should -Match 'EncryptionOff'
        Disconnect-VBRServer
    }
}
