BeforeAll { . (Join-Path $PSScriptRoot 'TestSetup.ps1') }
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'Backup repositories' {
    BeforeEach { $script:HomePath = New-TestHome }

    It 'every new server has a default repository in its home' {
        $r = Get-VBRBackupRepository
        $r.Name | Should -Be 'Default Backup Repository'
        $r.IsDefault | Should -BeTrue
        $r.Type | Should -Be 'Local'
    }

    It 'adds, finds by wildcard and removes a repository' {
        $path = Join-Path $script:TestRoot 'nas'
        $r = Add-VBRBackupRepository -Name 'NAS 1' -Path $path -Type Share
        $r.Type | Should -Be 'Share'
        $r.Path | Should -Be $path
        $r.ImmutabilityPeriod | Should -Be 0
        (Get-VBRBackupRepository -Name 'na*').Id | Should -Be $r.Id
        Remove-VBRBackupRepository -Name 'NAS 1' -Force
        @(Get-VBRBackupRepository).Count | Should -Be 1
    }

    It 'resolves a relative path against the current location' {
        Push-Location $script:TestRoot
        try { (Add-VBRBackupRepository -Name 'rel' -Path 'relative-repo').Path | Should -Be (Join-Path $script:TestRoot 'relative-repo') }
        finally { Pop-Location }
    }

    It 'refuses to remove the default repository' {
        { Get-VBRBackupRepository -Name 'Default*' | Remove-VBRBackupRepository -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'DefaultRepositoryCannotBeRemoved,VeeamConfigBackup.Commands.Repositories.RemoveVBRBackupRepositoryCommand'
        @(Get-VBRBackupRepository).Count | Should -Be 1
    }

    It 'refuses a duplicate name' {
        { Add-VBRBackupRepository -Name 'default backup repository' -Path $script:TestRoot -ErrorAction Stop } |
            Should -Throw -ErrorId 'RepositoryAlreadyExists,VeeamConfigBackup.Commands.Repositories.AddVBRBackupRepositoryCommand'
    }

    It 'rejects an unknown type at binding' {
        { Add-VBRBackupRepository -Name 'x' -Path $script:TestRoot -Type Tape -ErrorAction Stop } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,VeeamConfigBackup.Commands.Repositories.AddVBRBackupRepositoryCommand'
    }

    It 'reports a name that matches nothing on removal' {
        { Remove-VBRBackupRepository -Name 'missing' -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RepositoryNotFound,VeeamConfigBackup.Commands.Repositories.RemoveVBRBackupRepositoryCommand'
    }
}
