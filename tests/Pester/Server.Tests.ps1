BeforeAll { . (Join-Path $PSScriptRoot 'TestSetup.ps1') }
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'Connect-VBRServer' {
    It 'creates a new home with its identity and a default repository, and describes it' {
        $path = Join-Path $script:TestRoot 'new-home'
        $session = Connect-VBRServer -Path $path -ServerName 'srv-01'
        $session.GetType().Name | Should -Be 'ServerSession'
        $session.ServerName | Should -Be 'srv-01'
        $session.DatabaseEngine | Should -Be 'SQLite'
        $session.IsDefaultHome | Should -BeFalse
        (Get-VBRServerSession).ServerId | Should -Be $session.ServerId
        $repo = Get-VBRBackupRepository
        $repo.IsDefault | Should -BeTrue
        $repo.Path | Should -Be (Join-Path $path 'Backups')
        Test-Path (Join-Path $path 'keys') | Should -BeTrue
    }

    It 'reconnects to an existing home as the same server' {
        $path = Join-Path $script:TestRoot 'again'
        $first = Connect-VBRServer -Path $path -ServerName 'srv-02'
        $null = Add-VBRKmsServer -Name 'kms' -Address 'kms.example.test'
        Disconnect-VBRServer
        $second = Connect-VBRServer -Path $path
        $second.ServerId | Should -Be $first.ServerId
        (Get-VBRKmsServer).Name | Should -Be 'kms'
    }

    It 'refuses a database file that is not a database and leaves it unchanged' {
        $path = Join-Path $script:TestRoot 'garbage'
        $null = New-Item -ItemType Directory $path
        $db = Join-Path $path 'config.db'
        [IO.File]::WriteAllText($db, 'this is not a database, just text that happens to be here ' * 100)
        $before = (Get-FileHash $db).Hash
        { Connect-VBRServer -Path $path } | Should -Throw -ErrorId 'DatabaseNotRecognized,VeeamConfigBackup.Commands.Server.ConnectVBRServerCommand'
        (Get-FileHash $db).Hash | Should -Be $before
    }

    It 'refuses a database from a newer schema and leaves it unchanged' {
        $path = Join-Path $script:TestRoot 'future'
        $null = Connect-VBRServer -Path $path
        $null = Add-VBRKmsServer -Name 'keep-me' -Address 'kms.example.test'
        Disconnect-VBRServer
        $db = Join-Path $path 'config.db'
        $c = [Microsoft.Data.Sqlite.SqliteConnection]::new("Data Source=$db;Pooling=False")
        $c.Open(); $cmd = $c.CreateCommand()
        $cmd.CommandText = 'UPDATE schema_version SET version = version + 1; PRAGMA wal_checkpoint(TRUNCATE);'
        $null = $cmd.ExecuteNonQuery(); $c.Dispose()
        $before = (Get-FileHash $db).Hash
        { Connect-VBRServer -Path $path } | Should -Throw -ErrorId 'DatabaseSchemaTooNew,VeeamConfigBackup.Commands.Server.ConnectVBRServerCommand'
        (Get-FileHash $db).Hash | Should -Be $before
    }

    It 'reports a home that cannot be written' {
        # A read-only place, whoever runs the tests (root ignores folder modes): below /proc, or a folder
        # without write permission for other users.
        $path = if ($IsLinux -and [Environment]::UserName -eq 'root') { '/proc/vbr-cannot-write-here/home' } else {
            $ro = Join-Path $script:TestRoot 'read-only'
            $null = New-Item -ItemType Directory $ro
            if (-not $IsWindows) { [IO.File]::SetUnixFileMode($ro, [IO.UnixFileMode]'UserRead, UserExecute') }
            Join-Path $ro 'home'
        }
        { Connect-VBRServer -Path $path } | Should -Throw -ErrorId 'HomeNotWritable,VeeamConfigBackup.Commands.Server.ConnectVBRServerCommand'
    }

    It 'refuses an unsafe server name' {
        { Connect-VBRServer -Path (Join-Path $script:TestRoot 'bad-name') -ServerName '../x' } |
            Should -Throw -ErrorId 'InvalidServerName,VeeamConfigBackup.Commands.Server.ConnectVBRServerCommand'
    }
}

Describe 'Disconnect-VBRServer and the default home' {
    It 'leaves no session after disconnecting' {
        $null = New-TestHome
        Disconnect-VBRServer
        Get-VBRServerSession | Should -BeNullOrEmpty
    }

    It 'uses $env:VBR_HOME, created on first use, when no server was connected' {
        $defaultHome = Join-Path $script:TestRoot 'env-home'
        $child = Invoke-ChildPwsh -HomePath $defaultHome -Script @'
$null = Add-VBRKmsServer -Name 'in-default-home' -Address 'kms.example.test'
$s = Get-VBRServerSession
"$($s.IsDefaultHome)|$($s.HomePath)"
'@
        $child.ExitCode | Should -Be 0 -Because $child.Errors
        $child.Output.Trim() | Should -Be "True|$defaultHome"
        Test-Path (Join-Path $defaultHome 'config.db') | Should -BeTrue
    }
}

Describe 'Paths' {
    It 'refuses a path on another provider instead of guessing a folder' {
        { Connect-VBRServer -Path 'env:/not-a-folder' } | Should -Throw -ErrorId 'InvalidPath,VeeamConfigBackup.Commands.Server.ConnectVBRServerCommand'
        { Add-VBRBackupRepository -Name 'blank' -Path '   ' } | Should -Throw -ErrorId 'InvalidPath,VeeamConfigBackup.Commands.Repositories.AddVBRBackupRepositoryCommand'
    }
}
