BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Strong = 'Correct-Horse-Battery-42'
}
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'Add-VBRPassword' {
    BeforeEach { $script:HomePath = New-TestHome }

    It 'adds a password and returns the record without the password' {
        $r = Add-VBRPassword -Password (Secure $Strong) -Hint 'horse and battery' -Description 'config backups'
        $r.GetType().FullName | Should -Be 'VeeamConfigBackup.Engine.Passwords.PasswordRecord'
        $r.Hint | Should -Be 'horse and battery'
        $r.Description | Should -Be 'config backups'
        $r.CreatedUtc | Should -Be $r.ModifiedUtc
        ($r | Get-Member -MemberType Property).Name | Should -Not -Contain 'Password'
        ($r | Out-String) | Should -Not -Match 'Correct-Horse'
        @(Get-VBRPassword).Count | Should -Be 1
    }

    It 'accepts a weak password with a warning that does not repeat it' {
        $r = Add-VBRPassword -Password (Secure 'weakpass') -Hint 'short' -WarningVariable w -WarningAction SilentlyContinue
        $r | Should -Not -BeNullOrEmpty
        $w.Count | Should -Be 1
        "$w" | Should -Match '12 characters'
        "$w" | Should -Not -Match 'weakpass'
    }

    It 'gives no warning for a strong password' {
        $null = Add-VBRPassword -Password (Secure $Strong) -Hint 'strong' -WarningVariable w
        $w.Count | Should -Be 0
    }

    It 'rejects a hint that contains the password, and stores nothing' {
        { Add-VBRPassword -Password (Secure $Strong) -Hint "it is $($Strong.ToLower())" -ErrorAction Stop } |
            Should -Throw -ErrorId 'HintContainsPassword,VeeamConfigBackup.Commands.Passwords.AddVBRPasswordCommand'
        Get-VBRPassword | Should -BeNullOrEmpty
    }

    It 'rejects a hint with a control character (it is shown before any password, to anyone who lists a restore point)' {
        $e = { Add-VBRPassword -Password (Secure $Strong) -Hint "first line`nsecond line" -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidHint,VeeamConfigBackup.Commands.Passwords.AddVBRPasswordCommand' -PassThru
        $e.ErrorDetails.RecommendedAction | Should -Match 'printable'
        { Add-VBRPassword -Password (Secure $Strong) -Hint "red`e[31m" -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidHint,VeeamConfigBackup.Commands.Passwords.AddVBRPasswordCommand'
        Get-VBRPassword | Should -BeNullOrEmpty
    }

    It 'rejects an empty password' {
        { Add-VBRPassword -Password ([securestring]::new()) -Hint 'empty' -ErrorAction Stop } |
            Should -Throw -ErrorId 'EmptySecret,VeeamConfigBackup.Commands.Passwords.AddVBRPasswordCommand'
    }

    It 'rejects a null password at binding' {
        { Add-VBRPassword -Password $null -Hint 'null' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorNullNotAllowed,VeeamConfigBackup.Commands.Passwords.AddVBRPasswordCommand'
    }

    It 'rejects a second password with the same hint' {
        $null = Add-VBRPassword -Password (Secure $Strong) -Hint 'Same'
        { Add-VBRPassword -Password (Secure "$Strong-2") -Hint 'same' -ErrorAction Stop } |
            Should -Throw -ErrorId 'PasswordAlreadyExists,VeeamConfigBackup.Commands.Passwords.AddVBRPasswordCommand'
    }

    It 'changes nothing with -WhatIf' {
        $null = Add-VBRPassword -Password (Secure $Strong) -Hint 'what if' -WhatIf
        Get-VBRPassword | Should -BeNullOrEmpty
    }

    It 'is also available under the product name Add-VBREncryptionKey' {
        $null = Add-VBREncryptionKey -Password (Secure $Strong) -Hint 'alias'
        (Get-VBRPassword).Hint | Should -Be 'alias'
    }

    It 'fails at once, without prompting, in a non-interactive session missing the password' {
        $child = Invoke-ChildPwsh -HomePath (Join-Path $script:TestRoot 'noninteractive') -Script "Add-VBRPassword -Hint 'x'" -TimeoutSeconds 60
        $child.ExitCode | Should -Not -Be 0
        $child.Errors | Should -Match 'Password'
    }
}

Describe 'Get-VBRPassword' {
    BeforeAll {
        $null = New-TestHome
        $script:A = Add-VBRPassword -Password (Secure "$Strong-a") -Hint 'alpha one'
        $script:B = Add-VBRPassword -Password (Secure "$Strong-b") -Hint 'beta two'
    }

    It 'lists every password' { @(Get-VBRPassword).Count | Should -Be 2 }
    It 'filters by hint with wildcards' { (Get-VBRPassword -Hint 'al*').Id | Should -Be $A.Id }
    It 'returns nothing, silently, for a wildcard that matches nothing' { Get-VBRPassword -Hint 'zz*' | Should -BeNullOrEmpty }
    It 'reports a literal hint that matches nothing' {
        { Get-VBRPassword -Hint 'gamma' -ErrorAction Stop } | Should -Throw -ErrorId 'PasswordNotFound,VeeamConfigBackup.Commands.Passwords.GetVBRPasswordCommand'
    }
    It 'finds by id' { (Get-VBRPassword -Id $B.Id).Hint | Should -Be 'beta two' }
    It 'reports an unknown id' {
        { Get-VBRPassword -Id ([guid]::NewGuid()) -ErrorAction Stop } | Should -Throw -ErrorId 'PasswordNotFound,VeeamConfigBackup.Commands.Passwords.GetVBRPasswordCommand'
    }
}

Describe 'Set-VBRPassword' {
    BeforeEach {
        $null = New-TestHome
        $script:R = Add-VBRPassword -Password (Secure $Strong) -Hint 'old hint' -Description 'old'
    }

    It 'changes the password from the pipeline; the old one stops verifying and ModifiedUtc moves on' {
        Start-Sleep -Milliseconds 20
        $updated = $R | Set-VBRPassword -Password (Secure 'Brand-New-Passw0rd') -PassThru
        $updated.ModifiedUtc | Should -BeGreaterThan $R.ModifiedUtc
        $updated.CreatedUtc | Should -Be $R.CreatedUtc
        $R | Test-VBRPassword -Password (Secure 'Brand-New-Passw0rd') | Should -BeTrue
        $R | Test-VBRPassword -Password (Secure $Strong) | Should -BeFalse
    }

    It 'changes hint and description by -Id, keeping the password' {
        Set-VBRPassword -Id $R.Id -Hint 'new hint' -Description 'new'
        $now = Get-VBRPassword -Id $R.Id
        $now.Hint | Should -Be 'new hint'
        $now.Description | Should -Be 'new'
        Test-VBRPassword -Id $R.Id -Password (Secure $Strong) | Should -BeTrue
    }

    It 'changes nothing with -WhatIf' {
        $R | Set-VBRPassword -Hint 'changed' -Password (Secure 'Other-Passw0rd-1') -WhatIf
        (Get-VBRPassword -Id $R.Id).Hint | Should -Be 'old hint'
        $R | Test-VBRPassword -Password (Secure $Strong) | Should -BeTrue
    }

    It 'rejects a new hint that contains the current password' {
        { $R | Set-VBRPassword -Hint "hint: $Strong" -ErrorAction Stop } |
            Should -Throw -ErrorId 'HintContainsPassword,VeeamConfigBackup.Commands.Passwords.SetVBRPasswordCommand'
    }
}

Describe 'Remove-VBRPassword' {
    BeforeEach {
        $null = New-TestHome
        $script:R1 = Add-VBRPassword -Password (Secure "$Strong-1") -Hint 'first'
        $script:R2 = Add-VBRPassword -Password (Secure "$Strong-2") -Hint 'second'
    }

    It 'removes from the pipeline with -Force' {
        $R1 | Remove-VBRPassword -Force
        (Get-VBRPassword).Hint | Should -Be 'second'
    }

    It 'removes by hint wildcard' {
        Remove-VBRPassword -Hint 's*' -Force
        (Get-VBRPassword).Hint | Should -Be 'first'
    }

    It 'reports a wildcard that matches nothing and removes nothing' {
        { Remove-VBRPassword -Hint 'zz*' -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'PasswordNotFound,VeeamConfigBackup.Commands.Passwords.RemoveVBRPasswordCommand'
        @(Get-VBRPassword).Count | Should -Be 2
    }

    It 'changes nothing with -WhatIf, even with -Force' {
        Remove-VBRPassword -Hint '*' -WhatIf -Force
        @(Get-VBRPassword).Count | Should -Be 2
    }

    It 'is ConfirmImpact High: a non-interactive session gets an error instead of a prompt, and keeps the password' {
        $homePath = Join-Path $script:TestRoot 'confirm'
        $child = Invoke-ChildPwsh -HomePath $homePath -Script @"
`$null = Add-VBRPassword -Password (ConvertTo-SecureString 'Child-Passw0rd-1' -AsPlainText -Force) -Hint 'child'
Remove-VBRPassword -Hint 'child'
"@
        $child.Errors | Should -Match 'needs confirmation, and this session cannot ask for it'
        $child.Errors | Should -Match 'Add -Force'
        $check = Invoke-ChildPwsh -HomePath $homePath -Script "(Get-VBRPassword).Hint"
        $check.Output.Trim() | Should -Be 'child'
    }
}

Describe 'Test-VBRPassword' {
    BeforeEach {
        $script:HomePath = New-TestHome
        $script:R = Add-VBRPassword -Password (Secure $Strong) -Hint 'test me'
    }

    It 'returns true for the right password and false for a wrong one, from the pipeline or by id' {
        Get-VBRPassword -Id $R.Id | Test-VBRPassword -Password (Secure $Strong) | Should -BeTrue
        Test-VBRPassword -Id $R.Id -Password (Secure 'wrong') | Should -BeFalse
        (Test-VBRPassword -Id $R.Id -Password (Secure $Strong)).GetType() | Should -Be ([bool])
    }

    It 'blocks verification after 15 failures in a minute, across sessions' {
        # 15 failures in another process...
        $child = Invoke-ChildPwsh -HomePath $HomePath -Script @"
`$r = Get-VBRPassword -Id '$($R.Id)'
1..15 | ForEach-Object { `$r | Test-VBRPassword -Password (ConvertTo-SecureString "wrong-`$_" -AsPlainText -Force) } | Where-Object { `$_ } | Measure-Object | ForEach-Object Count
"@
        $child.ExitCode | Should -Be 0 -Because $child.Errors
        $child.Output.Trim() | Should -Be '0'
        # ...block this session too, even for the right password.
        { $R | Test-VBRPassword -Password (Secure $Strong) -ErrorAction Stop } |
            Should -Throw -ErrorId 'PasswordVerificationBlocked,VeeamConfigBackup.Commands.Passwords.TestVBRPasswordCommand'
        $err = $null
        $R | Test-VBRPassword -Password (Secure $Strong) -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
        "$($err[0])" | Should -Match 'blocked until'
    }
}
