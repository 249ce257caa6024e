BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Key = 'Restore-Pester-Passw0rd'
    # A source server with credentials, a password, a certificate-free configuration and an encrypted backup.
    $script:SourceHome = New-TestHome 'restore-source'
    $null = Add-VBRCredentials -Credential ([pscredential]::new('svc-restore', (Secure 'Cred-Restore-Passw0rd-1'))) -Type Linux
    $script:SourcePassword = Add-VBRPassword -Password (Secure $Key) -Hint 'restore key'
    $null = Add-VBRKmsServer -Name 'kms-restore' -Address 'kms.example.test'
    $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey $SourcePassword -WarningAction SilentlyContinue
    $script:Point = (Start-VBRConfigBackup -WarningAction SilentlyContinue).Path
    Disconnect-VBRServer

    function Get-Snapshot {
        # What a user would compare: the records each cmdlet lists.
        [pscustomobject]@{
            Passwords   = (Get-VBRPassword | ForEach-Object { "$($_.Id)|$($_.Hint)" }) -join ';'
            Credentials = (Get-VBRCredentials | ForEach-Object { "$($_.Id)|$($_.UserName)" }) -join ';'
            Kms         = (Get-VBRKmsServer | ForEach-Object Name) -join ';'
            Repos       = (Get-VBRBackupRepository | ForEach-Object Name) -join ';'
        } | ConvertTo-Json -Compress
    }
}
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'Restore-VBRConfigBackup' {
    It 'migrates into a brand-new home: credentials and Password Manager passwords come back' {
        $targetHome = New-TestHome 'restore-target'
        $result = Restore-VBRConfigBackup -Path $Point -Password (Secure $Key) -Mode Migrate -Force
        $result.GetType().Name | Should -Be 'ConfigRestoreResult'
        $result.Mode | Should -Be 'Migrate'
        $result.SecretsRestored | Should -BeTrue
        $result.RecordsNeedingSecrets | Should -BeNullOrEmpty
        $result.SessionHistoryRestored | Should -BeFalse
        $result.RecordCounts.Keys | Should -Not -Contain 'job_sessions'   # history was not restored, so not counted
        $result.Target | Should -Be $targetHome
        $result.RecordCounts['credentials'] | Should -Be 1
        (Get-VBRCredentials -Name 'svc-restore' -AsPSCredential).GetNetworkCredential().Password | Should -Be 'Cred-Restore-Passw0rd-1'
        Get-VBRPassword -Hint 'restore key' | Test-VBRPassword -Password (Secure $Key) | Should -BeTrue
        (Get-VBRKmsServer).Name | Should -Be 'kms-restore'
        (Get-VBRServerSession).ServerName | Should -Be 'restore-target'
        (Get-VBRBackupRepository | Where-Object IsDefault).Path | Should -Be (Join-Path $targetHome 'Backups')
    }

    It 'takes the restore point from Get-VBRConfigBackup on the pipeline, into another home by -TargetPath' {
        $null = New-TestHome 'connected'
        $other = Join-Path $script:TestRoot 'by-target-path'
        $result = Get-VBRConfigBackup -Path $Point | Restore-VBRConfigBackup -Password (Secure $Key) -Mode Migrate -TargetPath $other -Force
        $result.Target | Should -Be $other
        $result.TargetServerName | Should -Not -BeNullOrEmpty
        Get-VBRCredentials | Should -BeNullOrEmpty   # the connected server was not touched
        $child = Invoke-ChildPwsh -HomePath $other -Script "(Get-VBRCredentials -AsPSCredential).GetNetworkCredential().Password"
        $child.Output.Trim() | Should -Be 'Cred-Restore-Passw0rd-1'
        # The new home was built beside the target and renamed into place: nothing of the staging is left.
        Get-ChildItem -Force $script:TestRoot -Filter '.by-target-path.migrating-*' | Should -BeNullOrEmpty
        (Get-ChildItem -Force $other).Name | Should -Contain 'server.json'
    }

    It 'restores the same server back to the restore point (Restore mode)' {
        $null = Connect-VBRServer -Path $SourceHome
        $before = Get-Snapshot
        $null = Add-VBRKmsServer -Name 'added-later' -Address 'kms.example.test'
        Get-VBRCredentials | Remove-VBRCredentials -Force
        $result = Restore-VBRConfigBackup -Path $Point -Password (Secure $Key) -Force
        $result.Mode | Should -Be 'Restore'
        Get-Snapshot | Should -Be $before
    }

    It 'refuses Restore mode for a point of another server' {
        $null = New-TestHome 'not-the-source'
        { Restore-VBRConfigBackup -Path $Point -Password (Secure $Key) -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RestorePointFromAnotherServer,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand'
    }

    It 'with -WhatIf verifies and reports, and changes nothing' {
        $null = New-TestHome 'whatif-target'
        $before = Get-Snapshot
        $result = Restore-VBRConfigBackup -Path $Point -Password (Secure $Key) -Mode Migrate -WhatIf
        $result.WhatIf | Should -BeTrue
        $result.RecordCounts['credentials'] | Should -Be 1
        Get-Snapshot | Should -Be $before
    }

    It 'asks for confirmation: a non-interactive session gets an error instead of a prompt, and the target stays' {
        $homePath = Join-Path $script:TestRoot 'confirm-restore'
        $child = Invoke-ChildPwsh -HomePath $homePath -Script "Restore-VBRConfigBackup -Path '$Point' -Password (ConvertTo-SecureString '$Key' -AsPlainText -Force) -Mode Migrate; 'credentials:' + @(Get-VBRCredentials).Count"
        $child.Errors | Should -Match 'needs confirmation, and this session cannot ask for it'
        $child.Errors | Should -Match 'Add -Force'
        $child.Output | Should -Not -Match 'credentials:1'
    }

    It 'restores an unencrypted point without secrets and lists what must be entered again' {
        $plainSource = New-TestHome 'plain-source'
        $null = Add-VBRCredentials -User 'no-secret' -Password (Secure 'Will-Not-Travel-1')
        $plain = (Start-VBRConfigBackup -WarningAction SilentlyContinue).Path
        $null = New-TestHome 'plain-target'
        $result = Restore-VBRConfigBackup -Path $plain -Mode Migrate -Force -WarningVariable w -WarningAction SilentlyContinue
        $result.SecretsRestored | Should -BeFalse
        $result.RecordsNeedingSecrets.Type | Should -Be 'Credentials'
        $result.RecordsNeedingSecrets.Name | Should -Be 'no-secret'
        "$w" | Should -Match 'Set-VBRCredentials'
        { Get-VBRCredentials -Name 'no-secret' -AsPSCredential -ErrorAction Stop } |
            Should -Throw -ErrorId 'SecretNotRestored,VeeamConfigBackup.Commands.Credentials.GetVBRCredentialsCommand'
        # Until the secret is entered again, an encrypted backup still runs and says what it lacks.
        $null = Add-VBRPassword -Password (Secure $Key) -Hint 'after plain restore'
        $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey 'after plain restore' -WarningAction SilentlyContinue
        $run = Start-VBRConfigBackup -WarningAction SilentlyContinue
        $run.Result | Should -Be 'Warning'
        $run.Warnings.RuleId | Should -Contain 'SecretsMissing'
        Get-VBRCredentials -Name 'no-secret' | Set-VBRCredentials -Password (Secure 'Entered-Again-2')
        (Get-VBRCredentials -Name 'no-secret' -AsPSCredential).GetNetworkCredential().Password | Should -Be 'Entered-Again-2'
        (Start-VBRConfigBackup -WarningAction SilentlyContinue).Result | Should -Be 'Success'
    }

    It 'with -WhatIf and -TargetPath does not even create the target home' {
        $null = New-TestHome 'whatif-connected'
        $nowhere = Join-Path $script:TestRoot 'never-created'
        $result = Restore-VBRConfigBackup -Path $Point -Password (Secure $Key) -Mode Migrate -TargetPath $nowhere -WhatIf
        $result.WhatIf | Should -BeTrue
        $result.Target | Should -Be $nowhere
        Test-Path $nowhere | Should -BeFalse
    }

    It 'takes a backup of the target first with -BackupExisting' {
        $null = New-TestHome 'backup-first'
        $result = Restore-VBRConfigBackup -Path $Point -Password (Secure $Key) -Mode Migrate -BackupExisting -Force -WarningAction SilentlyContinue
        $result.ExistingConfigurationBackup | Should -Exist
    }
}

Describe 'Restore-VBRConfigBackup with bad input leaves the target untouched' {
    BeforeAll {
        $null = New-TestHome 'bad-input-target'
        $null = Add-VBRKmsServer -Name 'keep-me' -Address 'kms.example.test'
        $script:Before = Get-Snapshot
        $script:Empty = Join-Path $script:TestRoot 'empty.bco'; Set-Content $Empty -Value $null -NoNewline
        $script:Text = Join-Path $script:TestRoot 'text.bco'; Set-Content $Text 'just some text, not a restore point'
        $bytes = [IO.File]::ReadAllBytes($Point)
        $bytes[8] = 9   # format version
        $script:Newer = Join-Path $script:TestRoot 'newer.bco'; [IO.File]::WriteAllBytes($Newer, $bytes)
        $bytes = [IO.File]::ReadAllBytes($Point)
        $bytes[$bytes.Length - 30] = $bytes[$bytes.Length - 30] -bxor 0x20
        $script:Damaged = Join-Path $script:TestRoot 'damaged.bco'; [IO.File]::WriteAllBytes($Damaged, $bytes)
        $script:Truncated = Join-Path $script:TestRoot 'truncated.bco'; [IO.File]::WriteAllBytes($Truncated, [IO.File]::ReadAllBytes($Point)[0..600])
    }
    AfterEach { Get-Snapshot | Should -Be $Before }

    It 'a path that does not exist' {
        { Restore-VBRConfigBackup -Path (Join-Path $script:TestRoot 'missing.bco') -Mode Migrate -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RestorePointNotFound,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand'
    }
    It 'a folder' {
        { Restore-VBRConfigBackup -Path $script:TestRoot -Mode Migrate -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RestorePointIsFolder,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand'
    }
    It 'an empty file' {
        { Restore-VBRConfigBackup -Path $Empty -Mode Migrate -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RestorePointDamaged,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand'
    }
    It 'a file that is not a restore point' {
        { Restore-VBRConfigBackup -Path $Text -Mode Migrate -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RestorePointDamaged,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand'
    }
    It 'a restore point of a newer format version' {
        { Restore-VBRConfigBackup -Path $Newer -Mode Migrate -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RestorePointFormatNotSupported,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand'
    }
    It 'a damaged restore point' {
        { Restore-VBRConfigBackup -Path $Damaged -Password (Secure $Key) -Mode Migrate -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RestorePointDamaged,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand'
    }
    It 'a truncated restore point' {
        { Restore-VBRConfigBackup -Path $Truncated -Password (Secure $Key) -Mode Migrate -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RestorePointDamaged,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand'
    }
    It 'a failed migrate into a new -TargetPath leaves no new home behind' {
        $newHome = Join-Path $script:TestRoot 'never-kept'
        { Restore-VBRConfigBackup -Path $Point -Password (Secure 'Some-Other-Passw0rd') -Mode Migrate -TargetPath $newHome -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'WrongPassword,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand'
        Test-Path $newHome | Should -BeFalse
        Get-ChildItem -Force $script:TestRoot -Filter '.never-kept.migrating-*' | Should -BeNullOrEmpty
    }
    It 'a disk that fills up during a migrate: DatabaseDiskFull with what to do, and no new home' {
        # A real full disk: a 2 MiB tmpfs, filled to its last 60 KB. Mounting needs root (CI runs as root).
        $fs = Join-Path $script:TestRoot 'small-disk'
        $null = New-Item -ItemType Directory $fs
        if (-not $IsLinux -or [Environment]::UserName -ne 'root') { Set-ItResult -Skipped -Because 'a full-disk test mounts a tmpfs, which needs root on Linux (CI runs as root)'; return }
        mount -t tmpfs -o size=2m tmpfs $fs 2>$null
        if ($LASTEXITCODE -ne 0) { Set-ItResult -Skipped -Because 'this machine refused to mount a tmpfs'; return }
        try {
            fallocate -l ((New-Object IO.DriveInfo $fs).AvailableFreeSpace - 60kb) (Join-Path $fs 'filler')
            $e = { Restore-VBRConfigBackup -Path $Point -Password (Secure $Key) -Mode Migrate -TargetPath (Join-Path $fs 'new-home') -Force -ErrorAction Stop } |
                Should -Throw -ErrorId 'DatabaseDiskFull,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand' -PassThru
            $e.ErrorDetails.RecommendedAction | Should -Match 'Free space'
            (Get-ChildItem -Force $fs).Name | Should -Be 'filler'   # neither the home nor its staging folder
        }
        finally { umount -l $fs }
    }
    It 'a -TargetPath that holds files but no server: TargetHomeNotNew, and nothing is written into it' {
        $folder = Join-Path $script:TestRoot 'has-files'
        $null = New-Item -ItemType Directory $folder
        Set-Content (Join-Path $folder 'notes.txt') 'not a server'
        $e = { Restore-VBRConfigBackup -Path $Point -Password (Secure $Key) -Mode Migrate -TargetPath $folder -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'TargetHomeNotNew,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand' -PassThru
        $e.ErrorDetails.RecommendedAction | Should -Match 'new or empty folder'
        (Get-ChildItem -Force $folder).Name | Should -Be 'notes.txt'
    }
    It 'a wrong password: its own error, showing the hint' {
        { Restore-VBRConfigBackup -Path $Point -Password (Secure 'Some-Other-Passw0rd') -Mode Migrate -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'WrongPassword,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand' -ExpectedMessage "*restore key*"
    }
    It 'no password for an encrypted point' {
        { Restore-VBRConfigBackup -Path $Point -Mode Migrate -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'PasswordRequired,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand' -ExpectedMessage '*restore key*'
    }
    It 'a target home in a read-only place' {
        $target = if ($IsLinux -and [Environment]::UserName -eq 'root') { '/proc/vbr-read-only/home' } else {
            $ro = Join-Path $script:TestRoot 'ro'; $null = New-Item -ItemType Directory -Force $ro
            if (-not $IsWindows) { [IO.File]::SetUnixFileMode($ro, [IO.UnixFileMode]'UserRead, UserExecute') }
            Join-Path $ro 'home'
        }
        { Restore-VBRConfigBackup -Path $Point -Password (Secure $Key) -Mode Migrate -TargetPath $target -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'HomeNotWritable,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand'
    }
    It '-TargetPath without -Mode Migrate' {
        { Restore-VBRConfigBackup -Path $Point -TargetPath (Join-Path $script:TestRoot 'x') -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'TargetPathNeedsMigrate,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand'
    }
}

Describe 'Test-VBRConfigBackup' {
    It 'verifies the whole point with its password, writing nothing' {
        $r = Test-VBRConfigBackup -Path $Point -Password (Secure $Key)
        $r.GetType().Name | Should -Be 'ConfigBackupVerification'
        $r.Valid | Should -BeTrue
        $r.ContentVerified | Should -BeTrue
        $r.Encrypted | Should -BeTrue
        $r.FormatVersion | Should -Be 1
        $r.RecordCounts['credentials'] | Should -Be 1
        $r.Error | Should -BeNullOrEmpty
    }
    It 'without the password checks structure only, and says so' {
        $r = Get-VBRConfigBackup -Path $Point | Test-VBRConfigBackup
        $r.Valid | Should -BeTrue
        $r.ContentVerified | Should -BeFalse
        $r.Error | Should -Match 'without its password'
    }
    It 'finds damage, truncation, a newer version and a wrong password' {
        (Test-VBRConfigBackup -Path $Damaged -Password (Secure $Key)).ErrorId | Should -Be 'RestorePointDamaged'
        (Test-VBRConfigBackup -Path $Truncated).ErrorId | Should -Be 'RestorePointDamaged'
        (Test-VBRConfigBackup -Path $Newer).ErrorId | Should -Be 'RestorePointFormatNotSupported'
        $wrong = Test-VBRConfigBackup -Path $Point -Password (Secure 'Some-Other-Passw0rd')
        $wrong.Valid | Should -BeFalse
        $wrong.ErrorId | Should -Be 'WrongPassword'
    }
    It 'reports a missing file as an error' {
        { Test-VBRConfigBackup -Path (Join-Path $script:TestRoot 'nope.bco') -ErrorAction Stop } |
            Should -Throw -ErrorId 'RestorePointNotFound,VeeamConfigBackup.Commands.Restore.TestVBRConfigBackupCommand'
    }
}
