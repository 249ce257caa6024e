<#
.SYNOPSIS
    Builds, tests and demonstrates the VeeamConfigBackup module.
.DESCRIPTION
    Build  publishes a loadable module folder to out/VeeamConfigBackup (native SQLite at its root, MAML help in en-US).
    Test   builds, runs the xunit suites, then Pester in a child pwsh against the built folder, and ends with one
           line 'N passed, M failed'; it exits non-zero when anything failed or nothing ran.
    Demo   builds and runs the main job against a fresh server home in a temporary folder.
    Bench  times an encrypted backup of generated servers (100k and 1M session rows) against the pipeline an
           administrator would script (sqlite3 .dump | zstd -1 | age) on the same database, then the restore of
           that point into a new home against (age -d | zstd -d | sqlite3 <new db>), and prints ratios. Then, on a
           private PostgreSQL cluster, the same 1M-row server: backup and restore on SQLite, on PostgreSQL, and
           pg_dump -Fc / pg_restore of the same PostgreSQL database (wall time and peak memory).
           Then, on a private S3 gateway, a backup to and a restore from an S3-compatible repository beside the
           pipeline uploaded and downloaded with aws s3 cp. -BenchEngine SQLite, PostgreSQL or S3 runs one part only.
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
        $counters = ([xml](Get-Content -Raw -LiteralPath $trx.FullName)).TestRun.ResultSummary.Counters
        $xunitPassed += [int]$counters.passed
        $xunitFailed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $xunitSkipped += [int]$counters.notExecuted
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
        Write-Host "Skipped tests need a server or root: .ci/run provides them; here, run eval `"`$(tests/Postgres/cluster.sh start)`"` (PostgreSQL) and eval `"`$(tests/S3/cluster.sh start)`"` (S3 gateway) before the test command, as root for the immutable-file and full-disk tests."
    }

    $passed = $xunitPassed + $pesterPassed
    $failed = $xunitFailed + $pesterFailed
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

function Install-BenchTools {
    $missing = @('sqlite3', 'zstd', 'age', 'age-keygen', '/usr/bin/time', 'pg_dump', '/usr/bin/aws', 'radosgw') | Where-Object { -not (Get-Command $_ -ErrorAction SilentlyContinue) }
    if (-not (Test-Path '/usr/lib/postgresql/*/bin/initdb')) { $missing += 'initdb' }
    if (-not $missing) { return }
    $packages = @($missing | ForEach-Object {
            switch ($_) { 'age-keygen' { 'age' } '/usr/bin/time' { 'time' } '/usr/bin/aws' { 'awscli' } 'radosgw' { 'radosgw', 'ceph-mon', 'ceph-osd' } { $_ -in 'pg_dump', 'initdb' } { 'postgresql' } default { $_ } }
        } | Sort-Object -Unique)
    if ([Environment]::UserName -ne 'root') { throw "The benchmark needs $($packages -join ', '): install them (apt-get install $($packages -join ' '))." }
    Write-Host "Installing $($packages -join ', ') from Debian"
    Invoke-Native 'apt-get update' { apt-get update -qq }
    Invoke-Native 'apt-get install' { apt-get install -y -qq --no-install-recommends @packages }
}

function Measure-Seconds([scriptblock] $Block) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    & $Block
    $watch.Elapsed.TotalSeconds
}

function Invoke-BenchTask {
    Install-BenchTools
    $project = Join-Path $root 'tests/VeeamConfigBackup.Benchmarks/VeeamConfigBackup.Benchmarks.csproj'
    $benchOut = Join-Path $root 'out/bench'
    Invoke-Native 'dotnet build' { dotnet build $project -c Release -o (Join-Path $benchOut 'bin') --nologo -v quiet }
    $tool = Join-Path $benchOut 'bin/VeeamConfigBackup.Benchmarks.dll'
    $keyFile = Join-Path $benchOut 'age-key.txt'
    if (-not (Test-Path $keyFile)) { Invoke-Native 'age-keygen' { age-keygen -o $keyFile 2>$null } }
    $null = New-Item -ItemType Directory -Force $benchOut
    $recipient = (Select-String -Path $keyFile -Pattern 'age1[0-9a-z]+').Matches[0].Value
    if ($BenchEngine -in 'All', 'SQLite') { Invoke-SqliteBench $tool $benchOut $keyFile $recipient }
    if ($BenchEngine -in 'All', 'PostgreSQL') { foreach ($n in 100000, 1000000) { Invoke-PostgresBench $tool $benchOut $n } }
    if ($BenchEngine -in 'All', 'S3') { Invoke-S3Bench $tool $benchOut }
}

function Get-Median($Values) { @($Values | Sort-Object)[[int][math]::Floor(@($Values).Count / 2)] }

function Invoke-SqliteBench($tool, $benchOut, $keyFile, $recipient) {
    $rows = @()
    foreach ($sessions in 100000, 1000000) {
        $homePath = Join-Path $benchOut "home-$sessions"
        if (Test-Path $homePath) { Remove-Item -Recurse -Force $homePath }
        Write-Host "Generating a server with $sessions session rows..."
        Invoke-Native 'generate' { dotnet $tool generate $homePath $sessions | Out-Null }
        $db = Join-Path $homePath 'config.db'
        $piped = Join-Path $benchOut "pipeline-$sessions.age"
        $ours = @(); $pipe = @()
        # Alternate the two, three times each, so machine noise hits both alike; report medians.
        foreach ($i in 1..3) {
            $json = dotnet $tool backup $homePath
            if ($LASTEXITCODE -ne 0) { throw 'The benchmark backup failed.' }
            $ours += $json | ConvertFrom-Json
            $pipe += Measure-Seconds { bash -c "sqlite3 '$db' .dump | zstd -1 -T1 -q | age -r $recipient > '$piped'"; if ($LASTEXITCODE) { throw 'pipeline failed' } }
        }
        $median = { param($values) ($values | Sort-Object)[[int][math]::Floor($values.Count / 2)] }
        # Restore of the point just made into a new home, against decrypt | decompress | sqlite3 into a new database.
        $restored = @(); $unpiped = @()
        foreach ($i in 1..2) {
            $restoreHome = Join-Path $benchOut "restore-$sessions"
            if (Test-Path $restoreHome) { Remove-Item -Recurse -Force $restoreHome }
            $json = dotnet $tool restore $restoreHome $ours[-1].path | Select-Object -Last 1
            if ($LASTEXITCODE -ne 0) { throw 'The benchmark restore failed.' }
            $restored += $json | ConvertFrom-Json
            $newDb = Join-Path $benchOut "pipeline-restore-$sessions.db"
            Remove-Item $newDb -ErrorAction SilentlyContinue
            $unpiped += Measure-Seconds { bash -c "age -d -i '$keyFile' '$piped' | zstd -d -q | sqlite3 '$newDb'"; if ($LASTEXITCODE) { throw 'restore pipeline failed' } }
        }
        $restoreSeconds = & $median ($restored | ForEach-Object seconds)
        $unpipeSeconds = & $median $unpiped
        $oursSeconds = & $median ($ours | ForEach-Object seconds)
        $pipeSeconds = & $median $pipe
        $last = $ours[-1]
        $rows += [pscustomobject]@{
            SessionRows       = $sessions
            BackupSeconds     = [math]::Round($oursSeconds, 2)
            PipelineSeconds   = [math]::Round($pipeSeconds, 2)
            TimeRatio         = [math]::Round($oursSeconds / $pipeSeconds, 2)
            LogicalMBps       = [math]::Round($last.logicalBytes / 1e6 / $oursSeconds, 1)
            RestorePointMB    = [math]::Round($last.sizeBytes / 1e6, 2)
            PipelineOutputMB  = [math]::Round((Get-Item $piped).Length / 1e6, 2)
            SizeRatio         = [math]::Round($last.sizeBytes / (Get-Item $piped).Length, 3)
            PeakWorkingSetMB  = [math]::Round(($ours | ForEach-Object peakWorkingSetBytes | Measure-Object -Maximum).Maximum / 1e6, 1)
            RestoreSeconds    = [math]::Round($restoreSeconds, 2)
            PipelineRestoreSeconds = [math]::Round($unpipeSeconds, 2)
            RestoreRatio      = [math]::Round($restoreSeconds / $unpipeSeconds, 2)
            RestorePeakMB     = [math]::Round(($restored | ForEach-Object peakWorkingSetBytes | Measure-Object -Maximum).Maximum / 1e6, 1)
        }
    }
    $rows | Format-List | Out-String -Width 200 | Write-Host
    Write-Host 'BackupSeconds includes PBKDF2 (600,000 iterations). TimeRatio and SizeRatio are ours / the pipeline''s on the same database; peak working set is the whole process.'
    $rows | ConvertTo-Json | Set-Content (Join-Path $benchOut 'results.json')
}

# Runs a native command under /usr/bin/time and returns its wall time and peak resident memory.
# The S3 half lives in the benchmark tool (ObjectStorageBench); this starts its gateway and calls it.
function Invoke-S3Bench($tool, $benchOut) {
    $env:VBR_S3_CLUSTER_DIR = Join-Path ([IO.Path]::GetTempPath()) 'vbr-bench-s3-cluster'
    $env:VBR_S3_MON_PORT = '56889'; $env:VBR_S3_PORT = '57580'
    $export = bash (Join-Path $root 'tests/S3/cluster.sh') start
    if ($LASTEXITCODE -ne 0) { throw 'The S3 gateway did not start.' }
    try {
        foreach ($line in $export) { if ($line -match "^export (\w+)='(.*)'$") { Set-Item "env:$($Matches[1])" $Matches[2] } }
        $result = dotnet $tool s3bench $benchOut 1000000 | Select-Object -Last 1
        if ($LASTEXITCODE -ne 0) { throw 'The S3 benchmark failed.' }
        $result | ConvertFrom-Json | Format-List | Out-String -Width 200 | Write-Host
        Write-Host 'Ours: Start of a backup into / a migrate out of the S3 repository (encrypted, PBKDF2 included). Peer: sqlite3 .dump | zstd -1 | age, then aws s3 cp (and back). Medians of 3; ratios ours / peer; peak = largest process.'
    }
    finally { bash (Join-Path $root 'tests/S3/cluster.sh') stop }
}
function Measure-Native([string] $Command) {
    $stats = Join-Path ([IO.Path]::GetTempPath()) "vbr-time-$([guid]::NewGuid().ToString('N')).txt"
    bash -c "/usr/bin/time -f '%e %M' -o '$stats' $Command"
    if ($LASTEXITCODE -ne 0) { throw "failed: $Command" }
    $seconds, $kib = (Get-Content $stats -Raw).Trim().Split(' ')[-2, -1]
    Remove-Item $stats
    [pscustomobject]@{ seconds = [double]$seconds; peakWorkingSetBytes = [long]$kib * 1024 }
}

function Invoke-PostgresBench($tool, $benchOut, [int] $sessions) {
    $cluster = Join-Path $root 'tests/Postgres/cluster.sh'
    $env:VBR_PG_CLUSTER_DIR = Join-Path ([IO.Path]::GetTempPath()) 'vbr-bench-cluster'
    $env:VBR_PG_PORT = '55433'
    $export = bash $cluster start
    if ($LASTEXITCODE -ne 0) { throw 'The PostgreSQL cluster did not start.' }
    try {
        $admin = ($export -replace "^export VBR_TEST_POSTGRES='", '') -replace "'$", ''
        $parts = @{}; foreach ($p in $admin.Split(';')) { $k, $v = $p.Split('=', 2); $parts[$k] = $v }
        # The password reaches the tools the way it would reach a scheduled task: a password file, owner-only.
        $pgpass = Join-Path $benchOut 'pgpass'
        "127.0.0.1:$($parts.Port):*:$($parts.Username):$($parts.Password)" | bash -c "umask 077; cat > '$pgpass'"
        $env:PGPASSFILE = $pgpass
        $conn = "host=127.0.0.1 port=$($parts.Port) user=$($parts.Username)"
        function Reset-Database([string] $name) {
            Invoke-Native 'psql' { psql "$conn dbname=postgres" -q -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" }
        }

        $sqliteHome = Join-Path $benchOut "home-$sessions"
        if (-not (Test-Path (Join-Path $sqliteHome 'config.db'))) {
            Write-Host "Generating a server with $sessions session rows..."
            Invoke-Native 'generate' { dotnet $tool generate $sqliteHome $sessions | Out-Null }
        }
        $pgHome = Join-Path $benchOut 'home-postgres'
        $dump = Join-Path $benchOut 'pg_dump.fc'
        $runs = @{ SqliteBackup = @(); SqliteRestore = @(); PgRestore = @(); PgBackup = @(); PgDump = @(); PgRestoreTool = @() }
        # Each step twice, interleaved, so machine noise hits all of them alike; medians reported.
        foreach ($i in 1..2) {
            $backup = dotnet $tool backup $sqliteHome | ConvertFrom-Json
            if ($LASTEXITCODE -ne 0) { throw 'The SQLite backup failed.' }
            $runs.SqliteBackup += $backup
            $restoreHome = Join-Path $benchOut 'restore-sqlite-pg-bench'
            if (Test-Path $restoreHome) { Remove-Item -Recurse -Force $restoreHome }
            $runs.SqliteRestore += dotnet $tool restore $restoreHome $backup.path | Select-Object -Last 1 | ConvertFrom-Json

            Reset-Database 'vbr_bench'
            if (Test-Path $pgHome) { Remove-Item -Recurse -Force $pgHome }
            $runs.PgRestore += dotnet $tool restore $pgHome $backup.path "Host=127.0.0.1;Port=$($parts.Port);Username=$($parts.Username);Database=vbr_bench" |
                Select-Object -Last 1 | ConvertFrom-Json
            if ($LASTEXITCODE -ne 0) { throw 'The restore into PostgreSQL failed.' }
            $pgBackup = dotnet $tool backup $pgHome | ConvertFrom-Json
            if ($LASTEXITCODE -ne 0) { throw 'The backup from PostgreSQL failed.' }
            $runs.PgBackup += $pgBackup

            Remove-Item $dump -ErrorAction SilentlyContinue
            $runs.PgDump += Measure-Native "pg_dump -Fc -f '$dump' '$conn dbname=vbr_bench'"
            Reset-Database 'vbr_bench_restore'
            $runs.PgRestoreTool += Measure-Native "pg_restore --single-transaction -d '$conn dbname=vbr_bench_restore' '$dump'"
        }
        $sizes = @{ PgBackup = $runs.PgBackup[-1].sizeBytes; PgDump = (Get-Item $dump).Length; SqliteBackup = $runs.SqliteBackup[-1].sizeBytes }
        $rows = foreach ($step in 'SqliteBackup', 'PgBackup', 'PgDump', 'SqliteRestore', 'PgRestore', 'PgRestoreTool') {
            $what = @{
                SqliteBackup = 'backup, SQLite (ours, encrypted .bco)'; PgBackup = 'backup, PostgreSQL (ours, encrypted .bco)'
                PgDump = 'pg_dump -Fc (not encrypted)'; SqliteRestore = 'restore into SQLite (ours)'
                PgRestore = 'restore into PostgreSQL (ours, one transaction, binary COPY)'; PgRestoreTool = 'pg_restore --single-transaction'
            }[$step]
            $seconds = Get-Median ($runs[$step] | ForEach-Object seconds)
            [pscustomobject]@{
                Step        = $what
                Seconds     = [math]::Round($seconds, 2)
                PeakMB      = [math]::Round(($runs[$step] | ForEach-Object peakWorkingSetBytes | Measure-Object -Maximum).Maximum / 1e6, 1)
                OutputMB    = if ($sizes.ContainsKey($step)) { [math]::Round($sizes[$step] / 1e6, 2) } else { $null }
            }
        }
        $pgBackupSeconds = ($rows | Where-Object Step -like 'backup, PostgreSQL*').Seconds
        $pgRestoreSeconds = ($rows | Where-Object Step -like 'restore into PostgreSQL*').Seconds
        $dumpSeconds = ($rows | Where-Object Step -like 'pg_dump*').Seconds
        $pgRestoreToolSeconds = ($rows | Where-Object Step -like 'pg_restore*').Seconds
        Write-Host "PostgreSQL benchmark: $sessions session rows, the same generated server on both engines"
        $rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
        Write-Host ("Ratios: backup from PostgreSQL / pg_dump -Fc = {0:N2}; restore into PostgreSQL / pg_restore = {1:N2}" -f ($pgBackupSeconds / $dumpSeconds), ($pgRestoreSeconds / $pgRestoreToolSeconds))
        Write-Host 'Peak memory is the client process only (ours reports its own peak working set; pg_dump/pg_restore are read by /usr/bin/time); the PostgreSQL server''s own memory is not counted for either.'
        $rows | ConvertTo-Json | Set-Content (Join-Path $benchOut 'results-postgres.json')
    }
    finally {
        Remove-Item (Join-Path $benchOut 'pgpass') -ErrorAction SilentlyContinue
        bash $cluster stop
        Remove-Item Env:PGPASSFILE, Env:VBR_PG_CLUSTER_DIR, Env:VBR_PG_PORT -ErrorAction SilentlyContinue
    }
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Demo' { Invoke-DemoTask }
    'Bench' { Invoke-BenchTask }
}
