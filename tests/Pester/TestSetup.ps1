# Dot-sourced by every test file: imports the built module and gives each test its own server home.
$ErrorActionPreference = 'Stop'
$script:ModuleManifest = if ($env:VBR_TEST_MODULE) { $env:VBR_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/VeeamConfigBackup/VeeamConfigBackup.psd1' }
if (-not (Test-Path $script:ModuleManifest)) { throw "The module is not built: run 'dotnet pwsh ./build.ps1 -Task Build' first." }
Import-Module $script:ModuleManifest -Force
$script:TestRoot = Join-Path ([IO.Path]::GetTempPath()) "vbr-pester-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
# Nothing a test does may reach the machine's real default home.
$env:VBR_HOME = Join-Path $script:TestRoot 'default-home'

function New-TestHome([string] $ServerName = 'pester-server') {
    $path = Join-Path $script:TestRoot ([guid]::NewGuid().ToString('N'))
    $null = Connect-VBRServer -Path $path -ServerName $ServerName
    $path
}

# Removes the test folder. Restore points written to hardened repositories are immutable (chattr +i), and nobody can
# delete them, this clean-up included, until the flag is cleared: clear it everywhere under the folder first, always.
function Remove-TestRoot {
    if (-not (Test-Path $script:TestRoot)) { return }
    if ($IsLinux -and (Get-Command chattr -ErrorAction SilentlyContinue)) {
        Get-ChildItem -LiteralPath $script:TestRoot -Recurse -Force -File -ErrorAction SilentlyContinue |
            ForEach-Object { chattr -i -- $_.FullName 2>$null }
    }
    Remove-Item -LiteralPath $script:TestRoot -Recurse -Force -ErrorAction SilentlyContinue
}

function Secure([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

# Runs a script in a fresh pwsh (the built module imported, the given home as default) and returns
# its exit code and output. A child that runs longer than the timeout is killed and fails the test,
# which is how "never hangs on a prompt" is checked.
function Invoke-ChildPwsh([string] $Script, [string] $HomePath, [int] $TimeoutSeconds = 60) {
    $exe = [Environment]::ProcessPath
    $psi = [System.Diagnostics.ProcessStartInfo]::new($exe)
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($a in '-NoProfile', '-NonInteractive', '-Command', "Import-Module '$script:ModuleManifest'; $Script") { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.RedirectStandardInput = $true
    $psi.Environment['VBR_HOME'] = $HomePath
    $psi.Environment['NO_COLOR'] = '1'
    $process = [System.Diagnostics.Process]::Start($psi)
    $process.StandardInput.Close()
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        $process.Kill($true)
        throw "The child pwsh did not finish within $TimeoutSeconds s (it is waiting for input?)."
    }
    [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Errors = $stderr.Result }
}
