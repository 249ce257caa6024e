<#
.SYNOPSIS
    Builds, tests and demonstrates the VeeamConfigBackup module.
.DESCRIPTION
    Build  publishes a loadable module folder to out/VeeamConfigBackup (native SQLite at its root, MAML help in en-US).
    Test   builds, runs the xunit suites, then Pester in a child pwsh against the built folder, and ends with one
           line 'N passed, M failed'; it exits non-zero when anything failed or nothing ran.
    Demo   builds and runs the main job against a fresh server home in a temporary folder.
    Bench  times backups and restores of generated servers (100k and 1M session rows) against sqlite3 | zstd | age,
           pg_dump / pg_restore on a private PostgreSQL cluster and aws s3 cp on a private S3 gateway, and prints
           ratios: tests/VeeamConfigBackup.Benchmarks/Invoke-Benchmark.ps1 (see its help). -BenchEngine SQLite,
           PostgreSQL or S3 runs one part only.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [ValidateSet('All', 'SQLite', 'PostgreSQL', 'S3')]
    [string] $BenchEngine = 'All'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$moduleFolder = Join-Path $root 'out/VeeamConfigBackup'
$manifest = Join-Path $moduleFolder 'VeeamConfigBackup.psd1'

function Invoke-Native([string] $What, [scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE." }
}

# A child pwsh loads the freshly built DLL into a clean process. Under 'dotnet pwsh' the process is the
# dotnet host, so pwsh.dll is passed to it explicitly.
function Invoke-ChildPwsh([string] $Script) {
    $exe = [Environment]::ProcessPath
    $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
    & $exe @prefix -NoProfile -NonInteractive -Command $Script | Out-Host
    return $LASTEXITCODE
}

function Invoke-BuildTask {
    if (Test-Path $moduleFolder) { Remove-Item -Recurse -Force $moduleFolder }
    Invoke-Native 'dotnet publish' { dotnet publish (Join-Path $root 'src/VeeamConfigBackup/VeeamConfigBackup.csproj') -c $Configuration -o $moduleFolder --nologo -v quiet }
    Remove-Item (Join-Path $moduleFolder '*.xml') -ErrorAction SilentlyContinue   # engine XML docs are for the IDE, not the module
    $helpScript = Join-Path $root 'src/VeeamConfigBackup/Help/ConvertTo-MamlHelp.ps1'
    $helpFile = Join-Path $moduleFolder 'en-US/VeeamConfigBackup.dll-Help.xml'
    $code = Invoke-ChildPwsh "Import-Module '$manifest'; & '$helpScript' -ModuleName VeeamConfigBackup -MarkdownFolder '$(Join-Path $root 'docs/help')' -OutputFile '$helpFile'"
    if ($code -ne 0) { throw 'Generating help failed.' }
    Copy-Item (Join-Path $root 'docs/about_VeeamConfigBackup.help.txt') (Join-Path $moduleFolder 'en-US')
    Write-Host "Module built: $moduleFolder"
}

function Get-PesterManifest {
    $line = dotnet nuget locals global-packages --list
    $packages = ($line -replace '^global-packages:\s*', '').Trim()
    $path = Join-Path $packages 'pester/6.2.0/tools/Pester.psd1'
    if (-not (Test-Path $path)) { throw "Pester 6.2.0 was not restored to $packages; run 'dotnet restore' first." }
    $path
}

function Invoke-TestTask {
    Invoke-BuildTask
    $results = Join-Path $root 'out/TestResults'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    $env:VBR_TEST_MODULE = $manifest

    dotnet test (Join-Path $root 'VeeamConfigBackup.sln') -c $Configuration --nologo --logger 'trx' --logger 'console;verbosity=normal' --results-directory $results
    $xunitPassed = 0; $xunitFailed = 0; $xunitSkipped = 0
    $trxFiles = @(Get-ChildItem $results -Filter '*.trx' -ErrorAction SilentlyContinue)
    foreach ($trx in $trxFiles) {
        $run = ([xml](Get-Content -Raw -LiteralPath $trx.FullName)).TestRun
        $counters = $run.ResultSummary.Counters
        $xunitPassed += [int]$counters.passed
        $xunitFailed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        # The trx counters leave skipped tests out (notExecuted stays 0): they are the results whose outcome is NotExecuted.
        $xunitSkipped += @($run.Results.UnitTestResult | Where-Object { $_ -and $_.outcome -eq 'NotExecuted' }).Count
    }
    if ($LASTEXITCODE -ne 0 -and $xunitFailed -eq 0) { $xunitFailed = 1 }   # a build or run failure with no test result still fails
    Write-Host "xunit: $xunitPassed passed, $xunitFailed failed, $xunitSkipped skipped ($($trxFiles.Count) result files)"

    $pester = Get-PesterManifest
    $summary = Join-Path $results 'pester-summary.json'
    $code = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$pester'
`$c = New-PesterConfiguration
`$c.Run.Path = '$(Join-Path $root 'tests/Pester')'
`$c.Run.PassThru = `$true
`$c.Output.Verbosity = 'Detailed'
`$c.TestResult.Enabled = `$true
`$c.TestResult.OutputPath = '$(Join-Path $results 'pester.xml')'
`$r = Invoke-Pester -Configuration `$c
@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount; Skipped = `$r.SkippedCount } | ConvertTo-Json | Set-Content '$summary'
"@
    $pesterPassed = 0; $pesterFailed = 1; $pesterSkipped = 0
    if (Test-Path $summary) {
        $s = Get-Content -Raw $summary | ConvertFrom-Json
        $pesterPassed = [int]$s.Passed; $pesterFailed = [int]$s.Failed; $pesterSkipped = [int]$s.Skipped
    }
    elseif ($code -eq 0) { $pesterFailed = 1 }
    Write-Host "Pester: $pesterPassed passed, $pesterFailed failed, $pesterSkipped skipped"
    if ($xunitSkipped + $pesterSkipped -gt 0) {
        Write-Host "Skipped tests need a server or root: .ci/run provides them; here, run eval `"`$(tests/Postgres/cluster.sh start)`"` (PostgreSQL) and eval `"`$(tests/S3/cluster.sh start)`"` (S3 gateway) and eval `"`$(tests/Receivers/cron.sh start)`"` (cron, for the schedule test), likewise tests/Receivers/syslog.sh, smtp.sh and snmp.sh (the notification receivers) before the test command, as root for the immutable-file, full-disk and cron-file tests."
    }

    $passed = $xunitPassed + $pesterPassed
    $failed = $xunitFailed + $pesterFailed
    if ($xunitSkipped + $pesterSkipped -gt 0) { Write-Host "$($xunitSkipped + $pesterSkipped) skipped in all (how to run them: above)" }
    # CI reads this closing line: alone, in this form.
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-DemoTask {
    Invoke-BuildTask
    $demoHome = Join-Path ([IO.Path]::GetTempPath()) "VeeamConfigBackup-demo-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $code = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
Import-Module '$manifest'
# Tables at a readable width even when the output is redirected (CI logs default to 80 columns).
function Show { `$input | Format-Table -AutoSize | Out-String -Width 160 | Write-Host }
Write-Host '== A new server home: created on first use, with its default repository'
Connect-VBRServer -Path '$demoHome' -ServerName 'demo-server' | Show
Get-VBRBackupRepository | Show

Write-Host '== Password Manager (sample values; in real use, type them with Read-Host -AsSecureString)'
`$secret = ConvertTo-SecureString 'Demo-Passw0rd-2026' -AsPlainText -Force
`$record = Add-VBRPassword -Password `$secret -Hint 'demo: the usual, with the year' -Description 'configuration backups'
Get-VBRPassword | Select-Object Hint, Description, CreatedUtc, UsedBy | Show
Write-Host "Right password verifies: `$(`$record | Test-VBRPassword -Password `$secret)"
Write-Host "Wrong password verifies: `$(`$record | Test-VBRPassword -Password (ConvertTo-SecureString 'guess' -AsPlainText -Force))"

Write-Host '== Credentials Manager'
`$cred = [pscredential]::new('backup-svc', (ConvertTo-SecureString 'Svc-Passw0rd-2026' -AsPlainText -Force))
Add-VBRCredentials -Credential `$cred -Type Linux -Description 'Linux proxies' | Show
Write-Host "Stored password comes back intact: `$((Get-VBRCredentials -Name backup-svc -AsPSCredential).GetNetworkCredential().Password -eq `$cred.GetNetworkCredential().Password)"

Write-Host '== Infrastructure records'
Add-VBRBackupRepository -Name 'Offsite' -Path '$(Join-Path $demoHome 'offsite')' -Type Share | Out-Null
Add-VBRKmsServer -Name 'kms-01' -Address 'kms.example.test' | Out-Null
Get-VBRBackupRepository | Show
Get-VBRKmsServer | Show

Write-Host '== An encrypted configuration backup'
`$status = Set-VBRConfigBackupEncryption -Enable -EncryptionKey `$record -WarningAction SilentlyContinue
Write-Host "Encryption on with the password '`$(`$status.PasswordHint)'; findings: `$((`$status.Warnings | ForEach-Object RuleId) -join ', ')"
`$result = Start-VBRConfigBackup -WarningAction SilentlyContinue
`$result | Show
`$result.RecordCounts.GetEnumerator() | Sort-Object Key | ForEach-Object { [pscustomobject]@{ Table = `$_.Key; Rows = `$_.Value } } | Show
Get-VBRConfigBackup | Show
`$bytes = [IO.File]::ReadAllText(`$result.Path)
Write-Host "Secrets in the restore point in plain text: `$(@('Demo-Passw0rd-2026', 'Svc-Passw0rd-2026', 'backup-svc') | Where-Object { `$bytes.Contains(`$_) } | Measure-Object | ForEach-Object Count)"

Write-Host '== Secrets at rest: no plain text in the home folder'
`$files = Get-ChildItem -LiteralPath '$demoHome' -Recurse -File | Where-Object Extension -NE '.bco'
`$leaks = `$files | Where-Object { [IO.File]::ReadAllText(`$_.FullName).Contains('Demo-Passw0rd-2026') -or [IO.File]::ReadAllText(`$_.FullName).Contains('Svc-Passw0rd-2026') }
Write-Host "Files checked: `$(`$files.Count); files containing a secret in plain text: `$(@(`$leaks).Count)"
Get-VBRServerSession | Show
Write-Host '== Restore into a brand-new server home (another server)'
`$newHome = '$demoHome' + '-restored'
Connect-VBRServer -Path `$newHome -ServerName 'new-server' | Show
`$restore = Restore-VBRConfigBackup -Path `$result.Path -Password `$secret -Mode Migrate -Force
`$restore | Show
Write-Host "Credentials came back on the new server: `$((Get-VBRCredentials -Name backup-svc -AsPSCredential).GetNetworkCredential().Password -eq `$cred.GetNetworkCredential().Password)"
Write-Host "The Password Manager password verifies on the new server: `$(Get-VBRPassword | Test-VBRPassword -Password `$secret)"
Write-Host "Restore point verified end to end: `$((Test-VBRConfigBackup -Path `$result.Path -Password `$secret).ContentVerified)"
"@
    if ($code -ne 0) { throw "The demo failed (exit code $code)." }
    Write-Host "Demo server home left at $demoHome"
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Demo' { Invoke-DemoTask }
    'Bench' { & (Join-Path $root 'tests/VeeamConfigBackup.Benchmarks/Invoke-Benchmark.ps1') -Root $root -BenchEngine $BenchEngine }
}
