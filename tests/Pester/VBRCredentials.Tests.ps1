BeforeAll { . (Join-Path $PSScriptRoot 'TestSetup.ps1') }
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'Add-VBRCredentials' {
    BeforeEach { $null = New-TestHome }

    It 'adds from a PSCredential' {
        $cred = [pscredential]::new('svc-backup', (Secure 'Svc-Passw0rd-1'))
        $r = Add-VBRCredentials -Credential $cred -Type Linux -Description 'proxies'
        $r.GetType().Name | Should -Be 'CredentialsRecord'
        $r.UserName | Should -Be 'svc-backup'
        $r.Type | Should -Be 'Linux'
        $r.Description | Should -Be 'proxies'
    }

    It 'adds from -User and -Password, Windows by default' {
        $r = Add-VBRCredentials -User 'DOMAIN\admin' -Password (Secure 'Admin-Passw0rd-1')
        $r.Type | Should -Be 'Windows'
        (Get-VBRCredentials -Name 'domain\admin').Id | Should -Be $r.Id
    }

    It 'rejects an empty password' {
        { Add-VBRCredentials -User 'u' -Password ([securestring]::new()) -ErrorAction Stop } |
            Should -Throw -ErrorId 'EmptySecret,VeeamConfigBackup.Commands.Credentials.AddVBRCredentialsCommand'
        Get-VBRCredentials | Should -BeNullOrEmpty
    }

    It 'changes nothing with -WhatIf' {
        $null = Add-VBRCredentials -User 'u' -Password (Secure 'p') -WhatIf
        Get-VBRCredentials | Should -BeNullOrEmpty
    }
}

Describe 'Get-VBRCredentials' {
    BeforeAll {
        $null = New-TestHome
        $null = Add-VBRCredentials -Credential ([pscredential]::new('linux-root', (Secure 'Root-Passw0rd-9'))) -Type Linux
        $null = Add-VBRCredentials -Credential ([pscredential]::new('win-admin', (Secure 'Win-Passw0rd-9')))
    }

    It 'filters by user name with wildcards' { (Get-VBRCredentials -Name 'linux*').UserName | Should -Be 'linux-root' }
    It 'reports a literal name that matches nothing' {
        { Get-VBRCredentials -Name 'nobody' -ErrorAction Stop } | Should -Throw -ErrorId 'CredentialsNotFound,VeeamConfigBackup.Commands.Credentials.GetVBRCredentialsCommand'
    }
    It 'returns records without passwords by default' {
        $r = Get-VBRCredentials -Name 'win-admin'
        $r | Should -Not -BeOfType ([pscredential])
        ($r | Format-List * | Out-String) | Should -Not -Match 'Win-Passw0rd'
    }
    It 'returns PSCredential objects with the real passwords with -AsPSCredential' {
        $c = Get-VBRCredentials -Name 'linux-root' -AsPSCredential
        $c | Should -BeOfType ([pscredential])
        $c.UserName | Should -Be 'linux-root'
        $c.GetNetworkCredential().Password | Should -Be 'Root-Passw0rd-9'
    }
}

Describe 'Set-VBRCredentials' {
    BeforeEach {
        $null = New-TestHome
        $script:R = Add-VBRCredentials -User 'old-user' -Password (Secure 'Old-Passw0rd-1') -Type Windows
    }

    It 'changes the password from the pipeline and keeps the rest' {
        $R | Set-VBRCredentials -Password (Secure 'New-Passw0rd-2')
        $c = Get-VBRCredentials -Id $R.Id -AsPSCredential
        $c.UserName | Should -Be 'old-user'
        $c.GetNetworkCredential().Password | Should -Be 'New-Passw0rd-2'
    }

    It 'changes user and password from a PSCredential, and type and description' {
        $u = Set-VBRCredentials -Id $R.Id -Credential ([pscredential]::new('new-user', (Secure 'Pw-3'))) -Type Linux -Description 'd' -PassThru
        $u.UserName | Should -Be 'new-user'
        $u.Type | Should -Be 'Linux'
        $u.Description | Should -Be 'd'
        $u.ModifiedUtc | Should -BeGreaterOrEqual $R.ModifiedUtc
    }

    It 'refuses -Credential together with -Password' {
        { $R | Set-VBRCredentials -Credential ([pscredential]::new('x', (Secure 'y'))) -Password (Secure 'z') -ErrorAction Stop } |
            Should -Throw -ErrorId 'CredentialWithUserOrPassword,VeeamConfigBackup.Commands.Credentials.SetVBRCredentialsCommand'
    }

    It 'reports an unknown id' {
        { Set-VBRCredentials -Id ([guid]::NewGuid()) -Description 'x' -ErrorAction Stop } |
            Should -Throw -ErrorId 'CredentialsNotFound,VeeamConfigBackup.Commands.Credentials.SetVBRCredentialsCommand'
    }
}

Describe 'Remove-VBRCredentials' {
    BeforeEach {
        $null = New-TestHome
        $script:R = Add-VBRCredentials -User 'to-remove' -Password (Secure 'Pw-1')
    }

    It 'removes from the pipeline' {
        $R | Remove-VBRCredentials -Force
        Get-VBRCredentials | Should -BeNullOrEmpty
    }

    It 'reports a wildcard that matches nothing' {
        { Remove-VBRCredentials -Name 'zz*' -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'CredentialsNotFound,VeeamConfigBackup.Commands.Credentials.RemoveVBRCredentialsCommand'
        @(Get-VBRCredentials).Count | Should -Be 1
    }

    It 'changes nothing with -WhatIf' {
        Remove-VBRCredentials -Name '*' -WhatIf
        @(Get-VBRCredentials).Count | Should -Be 1
    }
}
