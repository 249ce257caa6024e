BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Key = 'Protection-Passw0rd-1'
    $script:RecoveryPassword = 'Recovery-Key-Passw0rd-1'
    $script:Passphrase = 'Ab1-Cd2-Ef3-Gh4-Ij5'
    function New-EncryptedServer([string] $Name) {
        $homePath = New-TestHome $Name
        $null = Add-VBRCredentials -Credential ([pscredential]::new("svc-$Name", (Secure "Cred-$Name-Passw0rd")))
        $null = Add-VBRPassword -Password (Secure $Key) -Hint "$Name key"
        $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey "$Name key" -WarningAction SilentlyContinue
        $homePath
    }
}
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'Password loss protection' {
    It 'a restore point made while it is enabled restores with the recovery key alone, into a new home' {
        $null = New-EncryptedServer 'plp'
        $earlier = (Start-VBRConfigBackup -WarningAction SilentlyContinue).Path
        Start-Sleep -Milliseconds 1100
        $keyFile = Join-Path $script:TestRoot 'plp-recovery.pem'
        $status = Enable-VBRPasswordLossProtection -RecoveryKeyPath $keyFile -RecoveryKeyPassword (Secure $RecoveryPassword) -WarningVariable w -WarningAction SilentlyContinue
        $status.GetType().Name | Should -Be 'PasswordLossProtectionStatus'
        $status.Enabled | Should -BeTrue
        "$w" | Should -Match 'off this server'
        (Get-VBRPasswordLossProtection).KeyId | Should -Be $status.KeyId
        (Get-VBRConfigBackupEncryption).PasswordLossProtection | Should -BeTrue
        Get-Content $keyFile -First 1 | Should -Be '-----BEGIN ENCRYPTED PRIVATE KEY-----'
        $point = Start-VBRConfigBackup -WarningAction SilentlyContinue
        (Get-VBRConfigBackup -Path $point.Path).RecoveryKeyId | Should -Be $status.KeyId

        $null = New-TestHome 'plp-target'
        $result = Restore-VBRConfigBackup -Path $point.Path -RecoveryKeyPath $keyFile -RecoveryKeyPassword (Secure $RecoveryPassword) -Mode Migrate -Force
        $result.SecretsRestored | Should -BeTrue
        (Get-VBRCredentials -Name 'svc-plp' -AsPSCredential).GetNetworkCredential().Password | Should -Be 'Cred-plp-Passw0rd'
        (Test-VBRConfigBackup -Path $point.Path -RecoveryKeyPath $keyFile -RecoveryKeyPassword (Secure $RecoveryPassword)).ContentVerified | Should -BeTrue
        { Restore-VBRConfigBackup -Path $earlier -RecoveryKeyPath $keyFile -RecoveryKeyPassword (Secure $RecoveryPassword) -Mode Migrate -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RecoveryKeyNotApplicable,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand' -ExpectedMessage '*before password loss protection was enabled*'
        { Restore-VBRConfigBackup -Path $point.Path -RecoveryKeyPath $keyFile -RecoveryKeyPassword (Secure 'wrong') -Mode Migrate -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RecoveryKeyNotReadable,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand'
    }

    It 'never writes the recovery key over an existing file, and can be disabled' {
        $null = New-EncryptedServer 'plp2'
        $existing = Join-Path $script:TestRoot 'already-there.pem'
        Set-Content $existing 'keep me'
        { Enable-VBRPasswordLossProtection -RecoveryKeyPath $existing -RecoveryKeyPassword (Secure $RecoveryPassword) } |
            Should -Throw -ErrorId 'RecoveryKeyFileExists,VeeamConfigBackup.Commands.Protection.EnableVBRPasswordLossProtectionCommand'
        Get-Content $existing | Should -Be 'keep me'
        $null = Enable-VBRPasswordLossProtection -RecoveryKeyPath (Join-Path $script:TestRoot 'plp2.pem') -RecoveryKeyPassword (Secure $RecoveryPassword) -WarningAction SilentlyContinue
        (Disable-VBRPasswordLossProtection -Force).Enabled | Should -BeFalse
        (Get-VBRConfigBackupPolicyWarning).RuleId | Should -Contain 'NoPasswordLossProtection'
    }
}

Describe 'Security Officer' {
    It 'refuses a weak passphrase and a hint that contains it' {
        $null = New-TestHome 'so-weak'
        { Enable-VBRSecurityOfficer -Passphrase (Secure 'short-Pass1!') -Hint 'x' } |
            Should -Throw -ErrorId 'SecurityOfficerPassphraseTooWeak,VeeamConfigBackup.Commands.Protection.EnableVBRSecurityOfficerCommand'
        { Enable-VBRSecurityOfficer -Passphrase (Secure $Passphrase) -Hint "is $Passphrase" } |
            Should -Throw -ErrorId 'HintContainsPassphrase,VeeamConfigBackup.Commands.Protection.EnableVBRSecurityOfficerCommand'
        (Get-VBRSecurityOfficer).Enabled | Should -BeFalse
    }

    It 'makes unencrypted backups fail' {
        $null = New-TestHome 'so-plain'
        $null = Enable-VBRSecurityOfficer -Passphrase (Secure $Passphrase) -Hint 'officer'
        $result = Start-VBRConfigBackup -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $result.Result | Should -Be 'Failed'
        $result.Warnings.RuleId | Should -Contain 'SecurityOfficerEncryptionOff'
    }

    It 'a restore fails without the passphrase, tells a wrong one from a wrong password, and migrates with both' {
        $null = New-EncryptedServer 'so'
        $status = Enable-VBRSecurityOfficer -Passphrase (Secure $Passphrase) -Hint 'the officer hint'
        $status.Enabled | Should -BeTrue
        (Get-VBRConfigBackupEncryption).SecurityOfficer | Should -BeTrue
        $keyFile = Join-Path $script:TestRoot 'so-recovery.pem'
        $null = Enable-VBRPasswordLossProtection -RecoveryKeyPath $keyFile -RecoveryKeyPassword (Secure $RecoveryPassword) -WarningAction SilentlyContinue
        $point = (Start-VBRConfigBackup -WarningAction SilentlyContinue).Path
        (Get-VBRConfigBackup -Path $point).SecurityOfficerProtected | Should -BeTrue

        $null = New-TestHome 'so-target'
        { Restore-VBRConfigBackup -Path $point -Password (Secure $Key) -Mode Migrate -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'SecurityOfficerPassphraseRequired,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand' -ExpectedMessage '*the officer hint*'
        { Restore-VBRConfigBackup -Path $point -Password (Secure $Key) -SecurityOfficerPassphrase (Secure 'Zy9-Xw8-Vu7-Ts6-Rq5') -Mode Migrate -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'WrongSecurityOfficerPassphrase,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand'
        { Restore-VBRConfigBackup -Path $point -Password (Secure 'Wrong-Passw0rd-9') -SecurityOfficerPassphrase (Secure $Passphrase) -Mode Migrate -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'WrongPassword,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand'
        { Restore-VBRConfigBackup -Path $point -RecoveryKeyPath $keyFile -RecoveryKeyPassword (Secure $RecoveryPassword) -Mode Migrate -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'SecurityOfficerPassphraseRequired,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand'
        Get-VBRCredentials | Should -BeNullOrEmpty

        $result = Restore-VBRConfigBackup -Path $point -Password (Secure $Key) -SecurityOfficerPassphrase (Secure $Passphrase) -Mode Migrate -Force
        $result.SecretsRestored | Should -BeTrue
        (Get-VBRCredentials -Name 'svc-so' -AsPSCredential).GetNetworkCredential().Password | Should -Be 'Cred-so-Passw0rd'
        (Get-VBRSecurityOfficer).Enabled | Should -BeTrue   # the protection travels with the configuration

        $null = New-TestHome 'so-target-2'
        $null = Restore-VBRConfigBackup -Path $point -RecoveryKeyPath $keyFile -RecoveryKeyPassword (Secure $RecoveryPassword) -SecurityOfficerPassphrase (Secure $Passphrase) -Mode Migrate -Force
        (Get-VBRCredentials -Name 'svc-so' -AsPSCredential).GetNetworkCredential().Password | Should -Be 'Cred-so-Passw0rd'
    }

    It 'changes the passphrase only with the current one' {
        $null = New-TestHome 'so-change'
        $null = Enable-VBRSecurityOfficer -Passphrase (Secure $Passphrase) -Hint 'officer'
        { Set-VBRSecurityOfficerPassphrase -CurrentPassphrase (Secure 'Zy9-Xw8-Vu7-Ts6-Rq5') -NewPassphrase (Secure 'Kl6-Mn7-Op8-Qr9-St0') } |
            Should -Throw -ErrorId 'WrongSecurityOfficerPassphrase,VeeamConfigBackup.Commands.Protection.SetVBRSecurityOfficerPassphraseCommand'
        $status = Set-VBRSecurityOfficerPassphrase -CurrentPassphrase (Secure $Passphrase) -NewPassphrase (Secure 'Kl6-Mn7-Op8-Qr9-St0') -PassThru -WarningAction SilentlyContinue
        $status.ModifiedUtc | Should -BeGreaterOrEqual $status.CreatedUtc
    }
}

Describe 'Get-VBRConfigBackupPolicyWarning: each rule raised and cleared' {
    BeforeEach { $script:HomePath = New-TestHome 'rules' }

    It 'PasswordsExistEncryptionOff and EncryptionOff' {
        (Get-VBRConfigBackupPolicyWarning).RuleId | Should -Contain 'EncryptionOff'
        $null = Add-VBRPassword -Password (Secure $Key) -Hint 'rules'
        $finding = Get-VBRConfigBackupPolicyWarning | Where-Object RuleId -EQ 'PasswordsExistEncryptionOff'
        $finding.GetType().Name | Should -Be 'PolicyWarning'
        $finding.Severity | Should -Be 'Blocking'
        $finding.Recommendation | Should -Match 'Set-VBRConfigBackupEncryption'
        $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey 'rules' -WarningAction SilentlyContinue
        (Get-VBRConfigBackupPolicyWarning).RuleId | Should -Not -Contain 'PasswordsExistEncryptionOff'
        (Get-VBRConfigBackupPolicyWarning).RuleId | Should -Not -Contain 'EncryptionOff'
    }

    It 'HardenedRepositoryEncryptionOff' {
        $repo = Add-VBRBackupRepository -Name 'hardened' -Path (Join-Path $script:TestRoot 'hardened') -Type Hardened
        (Get-VBRConfigBackupPolicyWarning -Severity Blocking).RuleId | Should -Contain 'HardenedRepositoryEncryptionOff'
        $repo | Remove-VBRBackupRepository -Force
        (Get-VBRConfigBackupPolicyWarning).RuleId | Should -Not -Contain 'HardenedRepositoryEncryptionOff'
    }

    It 'SecurityOfficerEncryptionOff' {
        $null = Enable-VBRSecurityOfficer -Passphrase (Secure $Passphrase) -Hint 'officer'
        (Get-VBRConfigBackupPolicyWarning -Severity Blocking).RuleId | Should -Contain 'SecurityOfficerEncryptionOff'
        $null = Add-VBRPassword -Password (Secure $Key) -Hint 'rules'
        $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey 'rules' -WarningAction SilentlyContinue
        (Get-VBRConfigBackupPolicyWarning).RuleId | Should -Not -Contain 'SecurityOfficerEncryptionOff'
    }

    It 'RepositoryNotWritable, and a target that cannot be pulled from under the job (RepositoryInUse instead of RepositoryMissing)' {
        $blocker = Join-Path $script:TestRoot 'a-file-not-a-folder'
        Set-Content $blocker 'x'
        $bad = Add-VBRBackupRepository -Name 'unwritable' -Path (Join-Path $blocker 'repo')
        Set-VBRConfigBackupJob -Repository $bad
        (Get-VBRConfigBackupPolicyWarning -Severity Blocking).RuleId | Should -Contain 'RepositoryNotWritable'
        { $bad | Remove-VBRBackupRepository -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RepositoryInUse,VeeamConfigBackup.Commands.Repositories.RemoveVBRBackupRepositoryCommand'
        (Get-VBRConfigBackupPolicyWarning -Severity Blocking).RuleId | Should -Not -Contain 'RepositoryMissing'
        Set-VBRConfigBackupJob -Repository (Get-VBRBackupRepository -Name 'Default*')
        $bad | Remove-VBRBackupRepository -Force
        (Get-VBRConfigBackupPolicyWarning).RuleId | Should -Not -Contain 'RepositoryMissing'
        (Get-VBRConfigBackupPolicyWarning).RuleId | Should -Not -Contain 'RepositoryNotWritable'
    }

    It 'JobDisabled' {
        Set-VBRConfigBackupJob -Enable:$false
        (Get-VBRConfigBackupPolicyWarning).RuleId | Should -Contain 'JobDisabled'
        Set-VBRConfigBackupJob -Enable
        (Get-VBRConfigBackupPolicyWarning).RuleId | Should -Not -Contain 'JobDisabled'
    }

    It 'NoRecentBackup and RestorePointsInServerHome' {
        $rules = (Get-VBRConfigBackupPolicyWarning).RuleId
        $rules | Should -Contain 'NoRecentBackup'
        $rules | Should -Contain 'RestorePointsInServerHome'
        Set-VBRConfigBackupJob -Repository (Add-VBRBackupRepository -Name 'elsewhere' -Path (Join-Path $script:TestRoot "elsewhere-$(Get-Random)"))
        $null = Start-VBRConfigBackup -WarningAction SilentlyContinue
        $rules = (Get-VBRConfigBackupPolicyWarning).RuleId
        $rules | Should -Not -Contain 'NoRecentBackup'
        $rules | Should -Not -Contain 'RestorePointsInServerHome'
    }

    It 'NoPasswordLossProtection' {
        $null = Add-VBRPassword -Password (Secure $Key) -Hint 'rules'
        $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey 'rules' -WarningAction SilentlyContinue
        (Get-VBRConfigBackupPolicyWarning).RuleId | Should -Contain 'NoPasswordLossProtection'
        $null = Enable-VBRPasswordLossProtection -RecoveryKeyPath (Join-Path $script:TestRoot "rules-$(Get-Random).pem") -RecoveryKeyPassword (Secure $RecoveryPassword) -WarningAction SilentlyContinue
        (Get-VBRConfigBackupPolicyWarning).RuleId | Should -Not -Contain 'NoPasswordLossProtection'
    }
}
