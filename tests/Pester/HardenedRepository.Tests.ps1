# Hardened repositories with real immutable files (chattr +i), checked with lsattr as an administrator would.
# Root on a filesystem with the flag is needed (CI runs as root on ext4); elsewhere these tests are skipped with the reason.
# Remove-TestRoot clears every immutable flag under the test folder before it deletes it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Key = 'Hardened-Pester-Passw0rd'
    $script:CanImmutable = $false
    $null = New-Item -ItemType Directory -Force $script:TestRoot
    $probe = Join-Path $script:TestRoot 'probe'
    Set-Content $probe ''
    if ($IsLinux -and (Get-Command chattr -ErrorAction SilentlyContinue)) {
        chattr +i $probe 2>$null
        $script:CanImmutable = $LASTEXITCODE -eq 0
        chattr -i $probe 2>$null
    }
    Remove-Item $probe

    function Skip-WithoutImmutable {
        if (-not $script:CanImmutable) { Set-ItResult -Skipped -Because 'immutable files need root on Linux and a filesystem with the flag (CI runs as root on ext4)' }
        -not $script:CanImmutable
    }

    function New-HardenedHome([int] $Keep = 10) {
        $null = New-TestHome 'hardened-pester'
        $pw = Add-VBRPassword -Password (Secure $Key) -Hint 'hardened key'
        $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey $pw -WarningAction SilentlyContinue
        $repo = Add-VBRBackupRepository -Name 'Immutable' -Path (Join-Path $script:TestRoot ([guid]::NewGuid().ToString('N'))) -Type Hardened
        $null = Set-VBRConfigBackupJob -Repository $repo -RestorePointsToKeep $Keep
        $repo
    }

    function Start-Run {
        $r = Start-VBRConfigBackup -WarningAction SilentlyContinue
        $r.Result | Should -Not -Be 'Failed' -Because $r.Error
        Start-Sleep -Milliseconds 1100   # restore point names have one-second resolution
        $r
    }
}
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'Add-VBRBackupRepository -Type Hardened' {
    It 'refuses an immutability period outside 7 to 9999 days' -TestCases @(@{ Days = 0 }, @{ Days = 6 }, @{ Days = 10000 }, @{ Days = -1 }) {
        $null = New-TestHome
        { Add-VBRBackupRepository -Name 'h' -Path (Join-Path $TestRoot 'h') -Type Hardened -ImmutabilityPeriod $Days -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,VeeamConfigBackup.Commands.Repositories.AddVBRBackupRepositoryCommand'
        Get-VBRBackupRepository -Name 'h' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'warns, when encryption is off, that the job will not start until it is on' {
        if (Skip-WithoutImmutable) { return }
        $null = New-TestHome
        $null = Add-VBRBackupRepository -Name 'h' -Path (Join-Path $TestRoot ([guid]::NewGuid().ToString('N'))) -Type Hardened -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match 'Set-VBRConfigBackupEncryption -Enable'
    }

    It 'refuses a file as the folder of a hardened repository, saying so' {
        if (Skip-WithoutImmutable) { return }
        $null = New-TestHome
        $file = Join-Path $TestRoot 'a-file'
        Set-Content $file 'x'
        { Add-VBRBackupRepository -Name 'f' -Path $file -Type Hardened -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidRepositoryPath,VeeamConfigBackup.Commands.Repositories.AddVBRBackupRepositoryCommand' -ExpectedMessage '*is a file*'
    }

    It 'refuses -ImmutabilityPeriod on a repository that is not hardened' {
        $null = New-TestHome
        { Add-VBRBackupRepository -Name 'l' -Path (Join-Path $TestRoot 'l') -ImmutabilityPeriod 30 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ImmutabilityNeedsHardenedRepository,VeeamConfigBackup.Commands.Repositories.AddVBRBackupRepositoryCommand'
    }

    It 'has seven days by default, shown by Get-VBRBackupRepository, and Set-VBRBackupRepository changes it' {
        if (Skip-WithoutImmutable) { return }
        $repo = New-HardenedHome
        $repo.ImmutabilityPeriod | Should -Be 7
        (Get-VBRBackupRepository -Name 'Immutable' | Out-String) | Should -Match '7 days'
        $null = Get-VBRBackupRepository -Name 'Immutable' | Set-VBRBackupRepository -ImmutabilityPeriod 90 -WhatIf
        (Get-VBRBackupRepository -Name 'Immutable').ImmutabilityPeriod | Should -Be 7
        (Set-VBRBackupRepository -Name 'Immutable' -ImmutabilityPeriod 30).ImmutabilityPeriod | Should -Be 30
        { Set-VBRBackupRepository -Name 'Default Backup Repository' -ImmutabilityPeriod 30 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ImmutabilityNeedsHardenedRepository,VeeamConfigBackup.Commands.Repositories.SetVBRBackupRepositoryCommand'
    }

    It 'completes repository names on Tab' {
        if (Skip-WithoutImmutable) { return }
        $null = New-HardenedHome
        $line = 'Set-VBRBackupRepository -Name Imm'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'Immutable'
        # Set- takes hardened repositories only, so the default repository is not offered there.
        $line = 'Set-VBRBackupRepository -Name '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'Immutable'
        $line = 'Remove-VBRBackupRepository -Name Def'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be "'Default Backup Repository'"
    }

    It 'is refused with ImmutabilityNotSupported where the process may not set the flag, and nothing is registered' {
        if (Skip-WithoutImmutable) { return }
        if (-not (Get-Command setpriv -ErrorAction SilentlyContinue)) { Set-ItResult -Skipped -Because 'setpriv (util-linux) is needed to drop CAP_LINUX_IMMUTABLE'; return }
        $home2 = Join-Path $TestRoot 'no-cap-home'
        $script = "`$ErrorActionPreference = 'Stop'; try { Add-VBRBackupRepository -Name 'h' -Path '$(Join-Path $TestRoot 'no-cap')' -Type Hardened } catch { `$_.FullyQualifiedErrorId; `$_.ErrorDetails.RecommendedAction }; @(Get-VBRBackupRepository).Count"
        $psi = [Diagnostics.ProcessStartInfo]::new('setpriv')
        foreach ($a in '--bounding-set', '-linux_immutable', '--inh-caps', '-linux_immutable', [Environment]::ProcessPath) { $psi.ArgumentList.Add($a) }
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-Command', "Import-Module '$ModuleManifest'; $script") { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.Environment['VBR_HOME'] = $home2
        $psi.Environment['NO_COLOR'] = '1'
        $p = [Diagnostics.Process]::Start($psi)
        $out = $p.StandardOutput.ReadToEnd()
        $p.WaitForExit(60000) | Should -BeTrue
        $out | Should -Match 'ImmutabilityNotSupported,VeeamConfigBackup.Commands.Repositories.AddVBRBackupRepositoryCommand'
        $out | Should -Match 'CAP_LINUX_IMMUTABLE'
        ($out.Trim() -split "`n")[-1].Trim() | Should -Be '1'   # only the default repository
    }
}

Describe 'Restore points in a hardened repository' {
    It 'are immutable on disk: lsattr shows the flag, and Remove-Item and rm both fail' {
        if (Skip-WithoutImmutable) { return }
        $null = New-HardenedHome
        $r = Start-Run
        $r.ImmutableUntilUtc | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(6.9))
        (lsattr $r.Path) | Should -Match '^\S*i\S*\s'
        (lsattr ([IO.Path]::ChangeExtension($r.Path, '.immutable'))) | Should -Match '^\S*i\S*\s'
        { Remove-Item $r.Path -Force -ErrorAction Stop } | Should -Throw
        rm -f $r.Path 2>$null
        $LASTEXITCODE | Should -Not -Be 0
        Test-Path $r.Path | Should -BeTrue
        (Test-VBRConfigBackup -Path $r.Path -Password (Secure $Key)).ContentVerified | Should -BeTrue
    }

    It 'are all kept by retention with -RestorePointsToKeep 1, and the run lists them as KeptImmutable' {
        if (Skip-WithoutImmutable) { return }
        $null = New-HardenedHome -Keep 1
        $first = Start-Run
        $second = Start-Run
        $third = Start-Run
        $third.RemovedRestorePoints | Should -BeNullOrEmpty
        $third.KeptImmutable.Path | Should -Be @($second.Path, $first.Path)
        @(Get-VBRConfigBackup -Repository (Get-VBRBackupRepository -Name 'Immutable')).Count | Should -Be 3
    }

    It 'are listed by Get-VBRConfigBackup with their repository and expiry, beside points of other repositories' {
        if (Skip-WithoutImmutable) { return }
        $repo = New-HardenedHome
        $null = Set-VBRConfigBackupJob -Repository (Get-VBRBackupRepository -Name 'Default Backup Repository')
        $plain = Start-Run
        $null = Set-VBRConfigBackupJob -Repository $repo
        $locked = Start-Run
        $all = @(Get-VBRConfigBackup)
        $all.Count | Should -Be 2
        ($all | Where-Object Path -eq $locked.Path).Repository | Should -Be 'Immutable'
        ($all | Where-Object Path -eq $locked.Path).ImmutableUntilUtc | Should -Be $locked.ImmutableUntilUtc
        ($all | Where-Object Path -eq $plain.Path).ImmutableUntilUtc | Should -BeNullOrEmpty
        # The table fits a 120-column terminal whole: every column is there, and the file names are not cut.
        $table = $all | Out-String -Width 120
        $table | Should -Match 'Repository\s+ImmutableUntilUtc'
        $table | Should -Match ([regex]::Escape([IO.Path]::GetFileName($locked.Path)))
        $table | Should -Match ([regex]::Escape($locked.ImmutableUntilUtc.UtcDateTime.ToString('yyyy-MM-dd HH:mm')))
    }

    It 'are refused by Remove-VBRConfigBackup with RestorePointImmutable and their expiry; other points are deleted' {
        if (Skip-WithoutImmutable) { return }
        $null = New-HardenedHome
        $locked = Start-Run
        $e = { Get-VBRConfigBackup -Path $locked.Path | Remove-VBRConfigBackup -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RestorePointImmutable,VeeamConfigBackup.Commands.Backup.RemoveVBRConfigBackupCommand' -PassThru
        $e.Exception.Message | Should -Match ([regex]::Escape($locked.ImmutableUntilUtc.UtcDateTime.ToString('u')))
        $e.ErrorDetails.RecommendedAction | Should -Match 'Wait'
        Test-Path $locked.Path | Should -BeTrue
        # Refused before What if or a prompt: a point that cannot be deleted is never offered for deletion.
        { Remove-VBRConfigBackup -Path $locked.Path -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'RestorePointImmutable,VeeamConfigBackup.Commands.Backup.RemoveVBRConfigBackupCommand'
        { Remove-VBRBackupRepository -Name 'Immutable' -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'RepositoryInUse,VeeamConfigBackup.Commands.Repositories.RemoveVBRBackupRepositoryCommand' 
        $null = Set-VBRConfigBackupJob -Repository (Get-VBRBackupRepository -Name 'Default Backup Repository')
        $plain = Start-Run
        Remove-VBRConfigBackup -Path $plain.Path -WhatIf
        Test-Path $plain.Path | Should -BeTrue
        Remove-VBRConfigBackup -Path $plain.Path -Force
        Test-Path $plain.Path | Should -BeFalse
        { Remove-VBRConfigBackup -Path $plain.Path -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RestorePointNotFound,VeeamConfigBackup.Commands.Backup.RemoveVBRConfigBackupCommand'
    }
}

Describe 'Repositories that cannot be pulled from under the job' {
    It 'the job''s target: RepositoryInUse, even with -Force' {
        if (Skip-WithoutImmutable) { return }
        $null = New-HardenedHome
        $e = { Remove-VBRBackupRepository -Name 'Immutable' -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RepositoryInUse,VeeamConfigBackup.Commands.Repositories.RemoveVBRBackupRepositoryCommand' -PassThru
        $e.ErrorDetails.RecommendedAction | Should -Match 'Set-VBRConfigBackupJob -Repository'
        Get-VBRBackupRepository -Name 'Immutable' | Should -Not -BeNullOrEmpty
    }

    It 'a repository with immutable points: RepositoryHoldsImmutableRestorePoints, even with -Force; the rule to encrypt stays' {
        if (Skip-WithoutImmutable) { return }
        $null = New-HardenedHome
        $null = Start-Run
        $null = Set-VBRConfigBackupJob -Repository (Get-VBRBackupRepository -Name 'Default Backup Repository')
        { Remove-VBRBackupRepository -Name 'Immutable' -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RepositoryHoldsImmutableRestorePoints,VeeamConfigBackup.Commands.Repositories.RemoveVBRBackupRepositoryCommand'
        Get-VBRBackupRepository -Name 'Immutable' | Should -Not -BeNullOrEmpty
        $null = Set-VBRConfigBackupEncryption -Disable -Confirm:$false -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        (Get-VBRConfigBackupPolicyWarning -Severity Blocking).RuleId | Should -Contain 'HardenedRepositoryEncryptionOff'
    }

    It 'a hardened repository the job does not target is a policy warning that says how to fix it' {
        if (Skip-WithoutImmutable) { return }
        $null = New-HardenedHome
        $null = Set-VBRConfigBackupJob -Repository (Get-VBRBackupRepository -Name 'Default Backup Repository')
        $w = Get-VBRConfigBackupPolicyWarning | Where-Object RuleId -eq 'HardenedRepositoryNotTargeted'
        $w.Severity | Should -Be 'Warning'
        $w.Recommendation | Should -Match "Set-VBRConfigBackupJob -Repository \(Get-VBRBackupRepository -Name 'Immutable'\)"
    }
}
