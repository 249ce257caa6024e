BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Key = 'Config-Backup-Passw0rd-1'
    function Enable-TestEncryption {
        $null = Add-VBRPassword -Password (Secure $Key) -Hint 'config key'
        $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey 'config key' -WarningAction SilentlyContinue
    }
}
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'Get-VBRConfigBackupJob and Set-VBRConfigBackupJob' {
    BeforeEach { $null = New-TestHome }

    It 'the single job exists with the product defaults' {
        $job = Get-VBRConfigBackupJob
        $job.GetType().Name | Should -Be 'ConfigBackupJobInfo'
        $job.Enabled | Should -BeTrue
        $job.RestorePointsToKeep | Should -Be 10
        $job.Repository | Should -Be 'Default Backup Repository'
        $job.ScheduleOptions.Type | Should -Be 'Daily'
        $job.ScheduleOptions.TimeOfDay | Should -Be ([timespan]'10:00')
        $job.EncryptionEnabled | Should -BeFalse
        $job.NextRunUtc | Should -BeGreaterThan ([datetimeoffset]::UtcNow)
        (Get-VBRConfigurationBackupJob).Name | Should -Be $job.Name
    }

    It 'changes retention, schedule, target and enabled state' {
        $repo = Add-VBRBackupRepository -Name 'second' -Path (Join-Path $script:TestRoot 'second-repo')
        $monthly = New-VBRConfigBackupScheduleOptions -Type Monthly
        $job = Set-VBRConfigBackupJob -RestorePointsToKeep 30 -ScheduleOptions $monthly -Repository $repo -Enable:$false -PassThru
        $job.RestorePointsToKeep | Should -Be 30
        $job.ScheduleOptions.Type | Should -Be 'Monthly'
        $job.Repository | Should -Be 'second'
        $job.Enabled | Should -BeFalse
        $job.NextRunUtc | Should -BeNullOrEmpty
        (Get-VBRConfigBackupJob).RestorePointsToKeep | Should -Be 30
    }

    It 'refuses an absurd number of restore points at binding' {
        { Set-VBRConfigBackupJob -RestorePointsToKeep 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VeeamConfigBackup.Commands.Backup.SetVBRConfigBackupJobCommand'
        { Set-VBRConfigBackupJob -RestorePointsToKeep 256 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VeeamConfigBackup.Commands.Backup.SetVBRConfigBackupJobCommand'
        (Get-VBRConfigBackupJob).RestorePointsToKeep | Should -Be 10
    }

    It 'changes nothing with -WhatIf' {
        Set-VBRConfigBackupJob -RestorePointsToKeep 3 -Enable:$false -WhatIf
        $job = Get-VBRConfigBackupJob
        $job.RestorePointsToKeep | Should -Be 10
        $job.Enabled | Should -BeTrue
    }

    It 'refuses a repository that was removed meanwhile' {
        $repo = Add-VBRBackupRepository -Name 'gone' -Path (Join-Path $script:TestRoot 'gone')
        $repo | Remove-VBRBackupRepository -Force
        { Set-VBRConfigBackupJob -Repository $repo } | Should -Throw -ErrorId 'RepositoryNotFound,VeeamConfigBackup.Commands.Backup.SetVBRConfigBackupJobCommand'
    }
}

Describe 'New-VBRConfigBackupScheduleOptions' {
    It 'makes a daily schedule at 10:00 every day by default' {
        $s = New-VBRConfigBackupScheduleOptions
        $s.Type | Should -Be 'Daily'
        $s.TimeOfDay | Should -Be ([timespan]'10:00')
        $s.DaysOfWeek.Count | Should -Be 7
    }
    It 'makes a monthly schedule at 22:00 on the fourth Saturday by default' {
        $s = New-VBRConfigBackupScheduleOptions -Type Monthly
        $s.TimeOfDay | Should -Be ([timespan]'22:00')
        $s.WeekOfMonth | Should -Be 'Fourth'
        $s.DayOfWeek | Should -Be 'Saturday'
    }
    It 'takes a time and days' {
        $s = New-VBRConfigBackupScheduleOptions -TimeOfDay '03:30' -DaysOfWeek Monday, Friday
        $s.TimeOfDay | Should -Be ([timespan]'03:30')
        $s.DaysOfWeek | Should -Be @('Monday', 'Friday')
    }
    It 'refuses options of the other schedule type and impossible times' {
        { New-VBRConfigBackupScheduleOptions -Type Daily -WeekOfMonth Last } | Should -Throw -ErrorId 'InvalidSchedule,VeeamConfigBackup.Commands.Backup.NewVBRConfigBackupScheduleOptionsCommand'
        { New-VBRConfigBackupScheduleOptions -TimeOfDay '1.02:00' } | Should -Throw -ErrorId 'InvalidSchedule,VeeamConfigBackup.Commands.Backup.NewVBRConfigBackupScheduleOptionsCommand'
    }
}

Describe 'Set-VBRConfigBackupEncryption and Get-VBRConfigBackupEncryption' {
    BeforeEach {
        $null = New-TestHome
        $script:Pw = Add-VBRPassword -Password (Secure $Key) -Hint 'config key'
    }

    It 'enables encryption with a password record, and warns that password loss protection is off' {
        $status = Set-VBRConfigBackupEncryption -Enable -EncryptionKey $Pw -WarningVariable w -WarningAction SilentlyContinue
        $status.GetType().Name | Should -Be 'ConfigBackupEncryptionStatus'
        $status.Enabled | Should -BeTrue
        $status.PasswordId | Should -Be $Pw.Id
        $status.PasswordHint | Should -Be 'config key'
        $status.PasswordLossProtection | Should -BeFalse
        $status.Warnings.RuleId | Should -Contain 'NoPasswordLossProtection'
        "$w" | Should -Match 'lost'
        (Get-VBRConfigBackupEncryption).Enabled | Should -BeTrue
        (Get-VBRPassword -Id $Pw.Id).UsedBy | Should -Be @((Get-VBRConfigBackupJob).Name)
    }

    It 'enables encryption from the pipeline and by hint' {
        (Get-VBRPassword -Hint 'config key' | Set-VBRConfigBackupEncryption -Enable -WarningAction SilentlyContinue).Enabled | Should -BeTrue
        $null = Set-VBRConfigBackupEncryption -Disable -WarningAction SilentlyContinue
        (Set-VBRConfigBackupEncryption -Enable -EncryptionKey 'CONFIG KEY' -WarningAction SilentlyContinue).PasswordId | Should -Be $Pw.Id
    }

    It 'a password the job uses cannot be removed' {
        $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey $Pw -WarningAction SilentlyContinue
        { $Pw | Remove-VBRPassword -Force -ErrorAction Stop } | Should -Throw -ErrorId 'PasswordInUse,VeeamConfigBackup.Commands.Passwords.RemoveVBRPasswordCommand'
        Get-VBRPassword -Id $Pw.Id | Should -Not -BeNullOrEmpty
    }

    It 'disables encryption, and says what that means' {
        $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey $Pw -WarningAction SilentlyContinue
        $status = Set-VBRConfigBackupEncryption -Disable -WarningAction SilentlyContinue
        $status.Enabled | Should -BeFalse
        $status.Warnings.RuleId | Should -Contain 'PasswordsExistEncryptionOff'
        $status.Warnings.RuleId | Should -Contain 'EncryptionOff'
    }

    It 'refuses KMS keys with exactly that meaning' {
        $kms = Add-VBRKmsServer -Name 'kms' -Address 'kms.example.test'
        { Set-VBRConfigBackupEncryption -Enable -KmsServer $kms } |
            Should -Throw -ErrorId 'KmsEncryptionNotSupported,VeeamConfigBackup.Commands.Backup.SetVBRConfigBackupEncryptionCommand' -ExpectedMessage '*do not support data encryption with KMS keys*'
        (Get-VBRConfigBackupEncryption).Enabled | Should -BeFalse
    }

    It 'reports an unknown hint and changes nothing with -WhatIf' {
        { Set-VBRConfigBackupEncryption -Enable -EncryptionKey 'no such hint' } | Should -Throw -ErrorId 'PasswordNotFound,VeeamConfigBackup.Commands.Backup.SetVBRConfigBackupEncryptionCommand'
        Set-VBRConfigBackupEncryption -Enable -EncryptionKey $Pw -WhatIf
        (Get-VBRConfigBackupEncryption).Enabled | Should -BeFalse
    }
}

Describe 'Start-VBRConfigBackup' {
    BeforeEach { $script:HomePath = New-TestHome 'cfg-server' }

    It 'does not start while passwords exist and encryption is off: Failed result plus an error, and no file' {
        $null = Add-VBRPassword -Password (Secure $Key) -Hint 'unused'
        $result = Start-VBRConfigBackup -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $result.Result | Should -Be 'Failed'
        $result.ErrorId | Should -Be 'BackupBlockedByPolicy'
        $result.Warnings.RuleId | Should -Contain 'PasswordsExistEncryptionOff'
        $err[0].FullyQualifiedErrorId | Should -Be 'BackupBlockedByPolicy,VeeamConfigBackup.Commands.Backup.StartVBRConfigBackupCommand'
        { Start-VBRConfigBackup -ErrorAction Stop -WarningAction SilentlyContinue } | Should -Throw -ErrorId 'BackupBlockedByPolicy,VeeamConfigBackup.Commands.Backup.StartVBRConfigBackupCommand'
        Get-ChildItem (Join-Path $HomePath 'Backups') -Recurse -File -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'does not start while a hardened repository is registered and encryption is off' {
        $null = Add-VBRBackupRepository -Name 'immutable' -Path (Join-Path $script:TestRoot 'immutable') -Type Hardened
        $result = Start-VBRConfigBackup -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $result.Result | Should -Be 'Failed'
        $result.Warnings.RuleId | Should -Contain 'HardenedRepositoryEncryptionOff'
    }

    It 'without passwords runs unencrypted with a warning, and leaves credentials out' {
        $null = Add-VBRCredentials -User 'svc' -Password (Secure 'Cred-Secret-In-Config-1')
        $result = Start-VBRConfigBackup -WarningVariable w -WarningAction SilentlyContinue
        $result.GetType().Name | Should -Be 'ConfigBackupResult'
        $result.Result | Should -Be 'Warning'
        $result.Encrypted | Should -BeFalse
        $result.SecretsIncluded | Should -BeFalse
        $result.Warnings[0].GetType().Name | Should -Be 'PolicyWarning'
        $result.Warnings.RuleId | Should -Contain 'EncryptionOff'
        "$w" | Should -Match 'not encrypted'
        $result.RecordCounts['credentials'] | Should -Be 1
        [IO.File]::ReadAllText($result.Path).Contains('Cred-Secret-In-Config-1') | Should -BeFalse
        (Get-VBRConfigBackup -Path $result.Path).SecretsIncluded | Should -BeFalse
    }

    It 'with encryption writes <server>_<date>_<time>.bco into the repository, and no secret in plain text' {
        $null = Add-VBRCredentials -User 'svc' -Password (Secure 'Cred-Secret-In-Config-2')
        Enable-TestEncryption
        $result = Start-VBRConfigBackup -WarningAction SilentlyContinue
        $result.Result | Should -Be 'Success'
        $result.Encrypted | Should -BeTrue
        $result.SecretsIncluded | Should -BeTrue
        $result.SizeBytes | Should -Be (Get-Item $result.Path).Length
        $result.Duration | Should -BeOfType ([timespan])
        Split-Path $result.Path | Should -Be (Join-Path $HomePath 'Backups/VeeamConfigBackup/cfg-server')
        Split-Path $result.Path -Leaf | Should -Match '^cfg-server_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.bco$'
        $text = [IO.File]::ReadAllText($result.Path)
        $text.Contains('Cred-Secret-In-Config-2') | Should -BeFalse
        $text.Contains($Key) | Should -BeFalse
        $text.Contains('svc') | Should -BeFalse
        Get-ChildItem (Split-Path $result.Path) -Filter '*.tmp' | Should -BeNullOrEmpty
        (Get-VBRConfigBackupJob).LastResult | Should -Be 'Success'
    }

    It 'is also available as Start-VBRConfigurationBackupJob' {
        (Start-VBRConfigurationBackupJob -WarningAction SilentlyContinue).Result | Should -Be 'Warning'
    }

    It 'writes nothing with -WhatIf' {
        Start-VBRConfigBackup -WhatIf | Should -BeNullOrEmpty
        Get-ChildItem (Join-Path $HomePath 'Backups') -Recurse -File -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-VBRConfigBackupSession | Should -BeNullOrEmpty
    }

    It 'keeps only the configured number of restore points, the newest ones' {
        Enable-TestEncryption
        $null = Set-VBRConfigBackupJob -RestorePointsToKeep 2
        $paths = foreach ($i in 1..3) {
            (Start-VBRConfigBackup -WarningAction SilentlyContinue).Path
            Start-Sleep -Milliseconds 1100   # names have one-second resolution
        }
        $left = @(Get-ChildItem (Split-Path $paths[0]) -Filter '*.bco' | Sort-Object Name | ForEach-Object FullName)
        $left | Should -Be @($paths[1], $paths[2])
    }

    It 'records every run as a session, failed ones too' {
        $null = Start-VBRConfigBackup -WarningAction SilentlyContinue
        $null = Add-VBRPassword -Password (Secure $Key) -Hint 'blocks'
        $null = Start-VBRConfigBackup -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $sessions = @(Get-VBRConfigBackupSession)
        $sessions.Count | Should -Be 2
        $sessions[0].Result | Should -Be 'Warning'
        $sessions[1].Result | Should -Be 'Failed'
        (Get-VBRConfigBackupSession -Result Failed).Count | Should -Be 1
        (Get-VBRConfigBackupSession -Last 1).Result | Should -Be 'Failed'
    }
}

Describe 'Get-VBRConfigBackup' {
    BeforeAll {
        $null = New-TestHome 'list-server'
        Enable-TestEncryption
        $script:Point = (Start-VBRConfigBackup -WarningAction SilentlyContinue).Path
        $script:Folder = Split-Path $Point
    }

    It 'lists restore points from their headers without a password' {
        $p = Get-VBRConfigBackup
        $p.GetType().Name | Should -Be 'RestorePointInfo'
        $p.Path | Should -Be $Point
        $p.ServerName | Should -Be 'list-server'
        $p.Encrypted | Should -BeTrue
        $p.PasswordHint | Should -Be 'config key'
        $p.FormatVersion | Should -Be 1
        $p.SchemaVersion | Should -BeGreaterThan 0
        $p.SecurityOfficerProtected | Should -BeFalse
        $p.RecoveryKeyId | Should -BeNullOrEmpty
        $p.SizeBytes | Should -Be (Get-Item $Point).Length
        $p.CreationTimeUtc | Should -BeLessOrEqual ([datetimeoffset]::UtcNow)
    }

    It 'takes a file, a folder or a repository' {
        (Get-VBRConfigBackup -Path $Point).Path | Should -Be $Point
        (Get-VBRConfigBackup -Path $Folder).Path | Should -Be $Point
        (Get-VBRBackupRepository -Name 'Default*' | Get-VBRConfigBackup).Path | Should -Be $Point
    }

    It 'reports a damaged file without hiding the good ones' {
        $bad = Join-Path $Folder 'list-server_2000-01-01_00-00-00.bco'
        [IO.File]::WriteAllBytes($bad, [byte[]](1..200))
        try {
            $all = @(Get-VBRConfigBackup -Path $Folder -WarningVariable w -WarningAction SilentlyContinue)
            $all.Count | Should -Be 2
            ($all | Where-Object Path -EQ $bad).ErrorId | Should -Be 'RestorePointDamaged'
            ($all | Where-Object Path -EQ $Point).Error | Should -BeNullOrEmpty
            "$w" | Should -Match 'damaged'
        }
        finally { Remove-Item $bad }
    }

    It 'reports a path that does not exist' {
        { Get-VBRConfigBackup -Path (Join-Path $script:TestRoot 'nowhere') -ErrorAction Stop } |
            Should -Throw -ErrorId 'RestorePointPathNotFound,VeeamConfigBackup.Commands.Backup.GetVBRConfigBackupCommand'
    }
}

Describe 'Rules that stop a run' {
    BeforeEach { $null = New-TestHome }

    It 'a disabled job does not run, so a scheduler calling Start-VBRConfigBackup really stops' {
        Set-VBRConfigBackupJob -Enable:$false
        $result = Start-VBRConfigBackup -ErrorVariable err -ErrorAction SilentlyContinue
        $result.Result | Should -Be 'Failed'
        $err[0].FullyQualifiedErrorId | Should -Be 'JobDisabled,VeeamConfigBackup.Commands.Backup.StartVBRConfigBackupCommand'
        Get-VBRConfigBackup | Should -BeNullOrEmpty
    }

    It 'refuses -Enable:$false instead of reading it as enable' {
        $pw = Add-VBRPassword -Password (Secure 'Switch-Passw0rd-12') -Hint 'switch'
        { Set-VBRConfigBackupEncryption -Enable:$false -EncryptionKey $pw } |
            Should -Throw -ErrorId 'AmbiguousEncryptionSwitch,VeeamConfigBackup.Commands.Backup.SetVBRConfigBackupEncryptionCommand'
        (Get-VBRConfigBackupEncryption).Enabled | Should -BeFalse
    }

    It 'refuses KMS keys even without -Enable' {
        $kms = Add-VBRKmsServer -Name 'kms2' -Address 'kms.example.test'
        { Set-VBRConfigBackupEncryption -KmsServer $kms } |
            Should -Throw -ErrorId 'KmsEncryptionNotSupported,VeeamConfigBackup.Commands.Backup.SetVBRConfigBackupEncryptionCommand'
    }
}
