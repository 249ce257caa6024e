BeforeAll { . (Join-Path $PSScriptRoot 'TestSetup.ps1') }
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'Secrets never reach a disk, a log or an error in plain text' {
    It 'leaves no secret readable in any file of the home, and none in any output stream' {
        $homePath = New-TestHome
        $secrets = 'PM-Secret-Passw0rd-1', 'PM-Changed-Passw0rd-2', 'Cred-Secret-Passw0rd-3', 'Cred-Changed-Passw0rd-4'
        $streams = & {
            $p = Add-VBRPassword -Password (Secure $secrets[0]) -Hint 'pm' -Verbose
            $p | Set-VBRPassword -Password (Secure $secrets[1]) -Verbose
            $c = Add-VBRCredentials -User 'svc' -Password (Secure $secrets[2]) -Verbose
            $c | Set-VBRCredentials -Password (Secure $secrets[3]) -Verbose
            $p | Test-VBRPassword -Password (Secure 'wrong') -Verbose
            Add-VBRPassword -Password (Secure $secrets[0]) -Hint "contains $($secrets[0])" -ErrorAction Continue
            Get-VBRPassword | Format-List * | Out-String
            Get-VBRCredentials | Format-List * | Out-String
        } *>&1 | Out-String
        # The error for a hint that contains the password must not repeat it.
        $streams | Should -Match 'The hint contains the password'
        Disconnect-VBRServer   # close the database so every page is on disk
        $files = Get-ChildItem -LiteralPath $homePath -Recurse -File
        $files.Count | Should -BeGreaterThan 2
        foreach ($secret in $secrets) {
            $streams.Contains($secret) | Should -BeFalse -Because "output streams must not show '$secret'"
            foreach ($file in $files) {
                $bytes = [IO.File]::ReadAllBytes($file.FullName)
                $utf8 = [Text.Encoding]::UTF8.GetString($bytes)
                $utf16 = [Text.Encoding]::Unicode.GetString($bytes)
                ($utf8.Contains($secret) -or $utf16.Contains($secret)) | Should -BeFalse -Because "$($file.Name) must not hold '$secret'"
            }
        }
    }
}
