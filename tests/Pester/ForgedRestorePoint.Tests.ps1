# Restore points whose header was changed by someone without the password: the header hash can be recomputed by
# anyone, so what Get-VBRConfigBackup shows before a password is typed must not drive the administrator's terminal.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Key = 'Forged-Header-Passw0rd'
    $null = New-TestHome 'forge-source'
    $pw = Add-VBRPassword -Password (Secure $Key) -Hint 'hint-to-forge-1234'
    $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey $pw -WarningAction SilentlyContinue
    $script:Point = (Start-VBRConfigBackup -WarningAction SilentlyContinue).Path
    Disconnect-VBRServer

    # Replaces a text in the header with one of the same length and recomputes the header's SHA-256, as a forger would.
    function New-ForgedPoint([string] $From, [string] $To) {
        $bytes = [IO.File]::ReadAllBytes($Point)
        $a = [Text.Encoding]::UTF8.GetBytes($From)
        $b = [Text.Encoding]::UTF8.GetBytes($To)
        $b.Length | Should -Be $a.Length
        $at = [Text.Encoding]::Latin1.GetString($bytes).IndexOf([Text.Encoding]::Latin1.GetString($a), [StringComparison]::Ordinal)
        $at | Should -BeGreaterThan 0
        [Array]::Copy($b, 0, $bytes, $at, $b.Length)
        $covered = 14 + [BitConverter]::ToUInt32($bytes, 10)
        $hash = [Security.Cryptography.SHA256]::HashData([byte[]]$bytes[0..($covered - 1)])
        [Array]::Copy($hash, 0, $bytes, $covered, 32)
        $path = Join-Path $TestRoot "$([guid]::NewGuid().ToString('N')).bco"
        [IO.File]::WriteAllBytes($path, $bytes)
        $path
    }
}
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'Get-VBRConfigBackup of a forged restore point' {
    It 'shows a forged hint with its control characters escaped, in the object, the table and the wrong-password error' {
        $forged = New-ForgedPoint 'hint-to-forge-1234' "x`e[2J`e]0;pwn`a`r`n!!!"
        $listed = Get-VBRConfigBackup -Path $forged
        $listed.ErrorId | Should -BeNullOrEmpty
        $listed.PasswordHint | Should -Be 'x\u001B[2J\u001B]0;pwn\u0007\u000D\u000A!!!'
        ($listed | Out-String) | Should -Not -Match '[\x00-\x09\x0B-\x1F\x7F]'
        $e = { Restore-VBRConfigBackup -Path $forged -Password (Secure 'Not-The-Passw0rd-9') -Mode Migrate -TargetPath (Join-Path $TestRoot 'never') -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'WrongPassword,VeeamConfigBackup.Commands.Restore.RestoreVBRConfigBackupCommand' -PassThru
        $e.Exception.Message | Should -Match ([regex]::Escape('\u001B[2J'))
        $e.Exception.Message | Should -Not -Match '[\x00-\x1F]'
    }

    It 'lists a point whose server name was forged as damaged, with a warning that does not repeat the name' {
        $forged = New-ForgedPoint 'forge-source' "f`e[2J`r`n/../x"
        $listed = Get-VBRConfigBackup -Path $forged -WarningVariable w -WarningAction SilentlyContinue
        $listed.ErrorId | Should -Be 'RestorePointDamaged'
        $listed.ServerName | Should -BeNullOrEmpty
        "$w" | Should -Match 'server name'
        "$w$($listed | Out-String)" | Should -Not -Match '[\x00-\x09\x0B-\x1F\x7F]'
        (Test-VBRConfigBackup -Path $forged -Password (Secure $Key)).Valid | Should -BeFalse
    }
}
