<#
.SYNOPSIS
    Compliance checks for a backup server's configuration backups, for Pester 5 or later.
.DESCRIPTION
    Connects to a server home and checks what an auditor asks about configuration backups: they are
    encrypted, nothing blocks the job, a lost password can be recovered, the job runs, the last backup is
    recent and succeeded, and the newest restore point verifies. Every check reads; nothing is changed.
.EXAMPLE
    $data = @{ ServerHome = '/var/lib/VeeamConfigBackup'; Password = (Read-Host -AsSecureString 'Backup password') }
    Invoke-Pester -Container (New-PesterContainer -Path ./Compliance.Tests.ps1 -Data $data) -Output Detailed
#>
param(
    # The server home to check.
    [Parameter(Mandatory)] [string] $ServerHome,

    # The configuration backup password: with it, the newest restore point is verified end to end;
    # without it, only its structure is checked.
    [securestring] $Password,

    # Needed with $Password when a Security Officer protects the restore points.
    [securestring] $SecurityOfficerPassphrase,

    # How old the last successful configuration backup may be.
    [int] $MaxAgeHours = 30
)

BeforeAll {
    if (-not (Get-Module VeeamConfigBackup)) { Import-Module VeeamConfigBackup -ErrorAction Stop }
    $null = Connect-VBRServer -Path $ServerHome
    $script:Findings = @(Get-VBRConfigBackupPolicyWarning)
    $script:Encryption = Get-VBRConfigBackupEncryption
    $script:Job = Get-VBRConfigBackupJob
    $script:LastGood = Get-VBRConfigBackupSession | Where-Object Result -NE 'Failed' | Select-Object -Last 1
    $script:Newest = Get-VBRConfigBackup -WarningAction SilentlyContinue | Where-Object { -not $_.Error } | Select-Object -First 1
}

AfterAll { Disconnect-VBRServer }

Describe 'Configuration backup compliance' {
    It 'configuration backups are encrypted' {
        $Encryption.Enabled | Should -BeTrue -Because 'an unencrypted configuration backup leaves out credentials and exposes names and addresses'
    }

    It 'no rule blocks the configuration backup job' {
        $blocking = $Findings | Where-Object Severity -EQ 'Blocking' | ForEach-Object { "$($_.RuleId): $($_.Message)" }
        $blocking | Should -BeNullOrEmpty
    }

    It 'a lost password can be recovered (password loss protection)' {
        (Get-VBRPasswordLossProtection).Enabled | Should -BeTrue
    }

    It 'the configuration backup job is enabled' {
        $Job.Enabled | Should -BeTrue
    }

    It 'the last configuration backup succeeded within <MaxAgeHours> hours' {
        $LastGood | Should -Not -BeNullOrEmpty -Because 'no configuration backup has succeeded yet'
        ([datetimeoffset]::UtcNow - $LastGood.StartTimeUtc).TotalHours | Should -BeLessOrEqual $MaxAgeHours
        (Get-VBRConfigBackupSession -Last 1).Result | Should -Not -Be 'Failed' -Because 'the most recent run failed'
    }

    It 'the newest restore point verifies' {
        $Newest | Should -Not -BeNullOrEmpty -Because 'no readable restore point was found in the job''s repository'
        $verification = if ($Password) {
            Test-VBRConfigBackup -Path $Newest.Path -Password $Password -SecurityOfficerPassphrase $SecurityOfficerPassphrase
        } else {
            Test-VBRConfigBackup -Path $Newest.Path
        }
        $verification.Valid | Should -BeTrue -Because $verification.Error
        if ($Password) { $verification.ContentVerified | Should -BeTrue }
    }
}
