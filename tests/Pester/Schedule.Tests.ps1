# The job running on its own schedule: Start-VBRConfigBackup -IfDue and the cron entry that calls it. The cron test
# needs Debian's cron running (.ci/run starts it and sets VBR_TEST_CRON=1); the others need root, to write /etc/cron.d.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:IsRoot = $IsLinux -and (id -u) -eq '0'
    function Skip-WithoutRoot {
        if (-not $script:IsRoot) {
            Set-ItResult -Skipped -Because 'registering writes /etc/cron.d: run the tests as root on Linux (.ci/run does)'
            return $true
        }
        $false
    }
    function Get-Points([string] $HomePath) {
        @(Get-ChildItem -Path (Join-Path $HomePath 'Backups/VeeamConfigBackup') -Recurse -Filter '*.bco' -ErrorAction SilentlyContinue)
    }
}
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'Start-VBRConfigBackup -IfDue' {
    It 'runs the due run once, then returns quietly with the next run in a verbose line' {
        $homePath = New-TestHome 'due-test'
        # A new server's job (daily at 10:00) has a scheduled run behind it that was never taken.
        $first = Start-VBRConfigBackup -IfDue -WarningAction SilentlyContinue
        $first.Result | Should -Not -Be 'Failed'
        (Get-Points $homePath).Count | Should -Be 1
        $verbose = Start-VBRConfigBackup -IfDue -Verbose 4>&1
        @($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join ' ' | Should -Match 'the next is at'
        (Get-Points $homePath).Count | Should -Be 1
        @(Get-VBRConfigBackupSession).Count | Should -Be 1
    }

    It 'never runs a disabled job, and records nothing' {
        $homePath = New-TestHome 'due-disabled'
        $null = Set-VBRConfigBackupJob -Enable:$false
        Start-VBRConfigBackup -IfDue | Should -BeNullOrEmpty
        Get-Points $homePath | Should -BeNullOrEmpty
        Get-VBRConfigBackupSession | Should -BeNullOrEmpty
    }
}

Describe 'Register-VBRConfigBackupSchedule' {
    It 'writes a cron file that spells out PowerShell, the module and the home, and Unregister removes it' {
        if (Skip-WithoutRoot) { return }
        $homePath = New-TestHome 'cron-file'
        try {
            Register-VBRConfigBackupSchedule -WhatIf 6>$null
            (Get-VBRConfigBackupSchedule).Registered | Should -BeFalse
            $registration = Register-VBRConfigBackupSchedule -Interval 7
            $registration.Registered | Should -BeTrue
            $registration.Location | Should -Match '^/etc/cron\.d/veeamconfigbackup-[0-9a-f]{12}$'
            $line = (Get-Content $registration.Location | Where-Object { $_ -notmatch '^#' })
            $line | Should -Match '^\*/7 \* \* \* \* root umask 077; '
            $line | Should -BeLike "*Import-Module '$((Resolve-Path $ModuleManifest).Path)'*"
            $line | Should -BeLike "*Connect-VBRServer -Path '$homePath'*Start-VBRConfigBackup -IfDue*"
            $line | Should -BeLike "*>> '$homePath/logs/schedule.log' 2>&1"
            [Convert]::ToString([int](Get-Item $registration.Location).UnixFileMode, 8) | Should -Be '644'
            [Convert]::ToString([int](Get-Item (Join-Path $homePath 'logs')).UnixFileMode, 8) | Should -Be '700'
            (Get-VBRConfigBackupSchedule).IntervalMinutes | Should -Be 7
        }
        finally {
            Unregister-VBRConfigBackupSchedule -ErrorAction SilentlyContinue
        }
        (Get-VBRConfigBackupSchedule).Registered | Should -BeFalse
        Test-Path $registration.Location | Should -BeFalse
        { Unregister-VBRConfigBackupSchedule -ErrorAction Stop } | Should -Throw -ErrorId 'ScheduleNotRegistered*'
    }

    It 'refuses an interval cron cannot keep, and writes nothing' {
        if (Skip-WithoutRoot) { return }
        $null = New-TestHome 'cron-interval'
        { Register-VBRConfigBackupSchedule -Interval 60 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidInterval*'
        (Get-VBRConfigBackupSchedule).Registered | Should -BeFalse
    }

    It 'lets cron make the due restore point on its own, with its output in an owner-only log' {
        if (Skip-WithoutRoot) { return }
        if ($env:VBR_TEST_CRON -ne '1' -and $env:VBR_TEST_CRON_REQUIRED -ne '1') {
            Set-ItResult -Skipped -Because "cron is not running for the tests: .ci/run starts it; here, install cron (apt-get install cron) and run eval `"`$(tests/Receivers/cron.sh start)`"` before the test command"
            return
        }
        $homePath = New-TestHome 'cron-run'
        try {
            $null = Register-VBRConfigBackupSchedule -Interval 1
            # cron reads its files once a minute and runs the entry at the next minute: at most about two minutes.
            $deadline = [DateTime]::UtcNow.AddMinutes(3)
            while ((Get-Points $homePath).Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Seconds 5 }
            (Get-Points $homePath).Count | Should -Be 1
            $log = Join-Path $homePath 'logs/schedule.log'
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not (Select-String -Path $log -Pattern 'Wrote ' -Quiet -ErrorAction SilentlyContinue) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Seconds 1 }
            Get-Content $log -Raw | Should -Match "Wrote '.*\.bco'"
            [Convert]::ToString([int](Get-Item $log).UnixFileMode, 8) | Should -Be '600'
        }
        finally {
            Unregister-VBRConfigBackupSchedule -ErrorAction SilentlyContinue
        }
    }
}
