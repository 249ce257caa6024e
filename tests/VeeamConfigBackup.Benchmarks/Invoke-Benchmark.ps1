<#
.SYNOPSIS
    The benchmark behind build.ps1 -Task Bench.
.DESCRIPTION
    Times an encrypted backup of generated servers (100k and 1M session rows) against the pipeline an
    administrator would script (sqlite3 .dump | zstd -1 | age) on the same database, then the restore of
    that point into a new home against (age -d | zstd -d | sqlite3 <new db>), and prints ratios. Then, on a
    private PostgreSQL cluster, the same 1M-row server: backup and restore on SQLite, on PostgreSQL, and
    pg_dump -Fc / pg_restore of the same PostgreSQL database (wall time and peak memory).
    Then, on a private S3 gateway, a backup to and a restore from an S3-compatible repository beside the
    pipeline uploaded and downloaded with aws s3 cp. -BenchEngine SQLite, PostgreSQL or S3 runs one part only.
    The benchmark tool (this folder's project) is built in Release into out/bench, where the generated servers,
    the age key and the results (results.json, results-postgres.json) are left. Missing tools are installed
    from Debian when run as root.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench -BenchEngine SQLite
#>
[CmdletBinding()]
param(
    # The repository's root folder: the benchmark writes to out/bench below it.
    [string] $Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path,

    [ValidateSet('All', 'SQLite', 'PostgreSQL', 'S3')]
    [string] $BenchEngine = 'All'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# The same small helper as in build.ps1: a native command that exits non-zero throws.
function Invoke-Native([string] $What, [scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE." }
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

# Runs a native command under /usr/bin/time and returns its wall time and peak resident memory.
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
