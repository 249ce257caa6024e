# The PostgreSQL configuration database through the cmdlets. These tests need a server: CI starts one
# (.ci/run); elsewhere they are skipped with a message that says how to start one.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:HasPostgres = [bool]$env:VBR_TEST_POSTGRES -or $env:VBR_TEST_POSTGRES_REQUIRED -eq '1'
    $script:SkipMessage = 'No PostgreSQL server (VBR_TEST_POSTGRES is not set). CI starts one; here, run: eval "$(tests/Postgres/cluster.sh start)" and then the test command.'
    # Npgsql ships with the module; the tests use it directly only to create and inspect their databases.
    Add-Type -Path (Join-Path (Split-Path $script:ModuleManifest) 'Npgsql.dll')

    function Skip-WithoutPostgres {
        if (-not $script:HasPostgres) { Set-ItResult -Skipped -Because $script:SkipMessage }
    }

    function Invoke-Admin([string] $Sql, [string] $Database = 'postgres') {
        $builder = [Npgsql.NpgsqlConnectionStringBuilder]::new($env:VBR_TEST_POSTGRES)
        $builder.Database = $Database
        $builder.Pooling = $false
        $connection = [Npgsql.NpgsqlConnection]::new($builder.ConnectionString)
        try {
            $connection.Open()
            $command = [Npgsql.NpgsqlCommand]::new($Sql, $connection)
            $reader = $command.ExecuteReader()
            while ($reader.Read()) { $reader.GetValue(0) }
            $reader.Dispose()
        }
        finally { $connection.Dispose() }
    }

    # An empty database of its own for each test; the connection string has no password (that comes with -Credential).
    function New-TestDatabase {
        $name = 'vbr_pester_' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $null = Invoke-Admin "CREATE DATABASE $name"
        $script:Databases += $name
        $admin = [Npgsql.NpgsqlConnectionStringBuilder]::new($env:VBR_TEST_POSTGRES)
        "Host=$($admin.Host);Port=$($admin.Port);Database=$name"
    }
    $script:Databases = @()

    if ($script:HasPostgres) {
        $admin = [Npgsql.NpgsqlConnectionStringBuilder]::new($env:VBR_TEST_POSTGRES)
        $script:AdminPassword = $admin.Password
        $script:Cred = [pscredential]::new($admin.Username, (Secure $admin.Password))
    }
}
AfterAll {
    Disconnect-VBRServer
    foreach ($name in $script:Databases) { $null = Invoke-Admin "DROP DATABASE IF EXISTS $name WITH (FORCE)" }
    Remove-TestRoot
}

Describe 'Connect-VBRServer -ConnectionString' {
    It 'keeps the configuration in PostgreSQL and reconnects with -Path and -Credential alone' {
        Skip-WithoutPostgres
        $cs = New-TestDatabase
        $path = Join-Path $script:TestRoot 'pg-home'
        $session = Connect-VBRServer -Path $path -ConnectionString $cs -Credential $script:Cred -ServerName 'pg-01'
        $session.DatabaseEngine | Should -Be 'PostgreSQL'
        $session.DatabaseLocation | Should -Match 'Database=vbr_pester_'
        $session.DatabaseLocation | Should -Not -Match 'Password'
        $null = Add-VBRKmsServer -Name 'kms-pg' -Address 'kms.example.test'
        Test-Path (Join-Path $path 'config.db') | Should -BeFalse
        Disconnect-VBRServer

        $again = Connect-VBRServer -Path $path -Credential $script:Cred
        $again.ServerId | Should -Be $session.ServerId
        $again.DatabaseEngine | Should -Be 'PostgreSQL'
        (Get-VBRKmsServer).Name | Should -Be 'kms-pg'
        # The database holds the record; the home holds no password.
        $db = ($cs -split ';' | Where-Object { $_ -like 'Database=*' }) -replace 'Database=', ''
        Invoke-Admin 'SELECT name FROM kms_servers' $db | Should -Be 'kms-pg'
        Get-ChildItem -Recurse -File $path | ForEach-Object { Get-Content -Raw -LiteralPath $_.FullName -AsByteStream } |
            ForEach-Object { [Text.Encoding]::UTF8.GetString($_) } | Should -Not -Match ([regex]::Escape($script:AdminPassword))
    }

    It 'moves a configuration from SQLite to PostgreSQL and back with Restore-VBRConfigBackup -Mode Migrate' {
        Skip-WithoutPostgres
        $key = 'Pg-Pester-Passw0rd-2026'
        $null = New-TestHome 'sqlite-src'
        $null = Add-VBRCredentials -Credential ([pscredential]::new('svc-pg', (Secure 'Cred-Pg-Passw0rd-7'))) -Type Linux
        $null = Add-VBRKmsServer -Name 'kms-move' -Address 'kms.example.test'
        $pw = Add-VBRPassword -Password (Secure $key) -Hint 'move key'
        $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey $pw -WarningAction SilentlyContinue
        $point = (Start-VBRConfigBackup -WarningAction SilentlyContinue).Path

        $null = Connect-VBRServer -Path (Join-Path $script:TestRoot 'pg-target') -ConnectionString (New-TestDatabase) -Credential $script:Cred
        $result = Restore-VBRConfigBackup -Path $point -Password (Secure $key) -Mode Migrate -IncludeSessionHistory -Force
        $result.RecordCounts['credentials'] | Should -Be 1
        (Get-VBRCredentials -Name 'svc-pg' -AsPSCredential).GetNetworkCredential().Password | Should -Be 'Cred-Pg-Passw0rd-7'
        (Get-VBRKmsServer).Name | Should -Be 'kms-move'
        $fromPg = (Start-VBRConfigBackup -WarningAction SilentlyContinue)
        $fromPg.Result | Should -Be 'Success'

        $null = New-TestHome 'sqlite-back'
        $null = Restore-VBRConfigBackup -Path $fromPg.Path -Password (Secure $key) -Mode Migrate -Force
        (Get-VBRServerSession).DatabaseEngine | Should -Be 'SQLite'
        (Get-VBRCredentials -Name 'svc-pg' -AsPSCredential).GetNetworkCredential().Password | Should -Be 'Cred-Pg-Passw0rd-7'
        (Get-VBRPassword).Hint | Should -Be 'move key'
    }

    It 'reports an unreachable server with DatabaseUnreachable and creates no home' {
        Skip-WithoutPostgres
        $path = Join-Path $script:TestRoot 'unreachable'
        { Connect-VBRServer -Path $path -ConnectionString 'Host=127.0.0.1;Port=1;Database=none;Username=nobody' -Credential $script:Cred } |
            Should -Throw -ErrorId 'DatabaseUnreachable,VeeamConfigBackup.Commands.Server.ConnectVBRServerCommand'
        Test-Path $path | Should -BeFalse
    }

    It 'reports a wrong password with DatabaseAuthenticationFailed, without the password in the error' {
        Skip-WithoutPostgres
        $wrong = [pscredential]::new($script:Cred.UserName, (Secure 'Wrong-Pg-Passw0rd-99'))
        $err = $null
        try { Connect-VBRServer -Path (Join-Path $script:TestRoot 'wrong') -ConnectionString (New-TestDatabase) -Credential $wrong }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'DatabaseAuthenticationFailed,VeeamConfigBackup.Commands.Server.ConnectVBRServerCommand'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        ($err | Out-String) + $err.Exception.ToString() | Should -Not -Match 'Wrong-Pg-Passw0rd-99'
    }

    It 'refuses a database with other tables (DatabaseNotRecognized) and leaves it as it was' {
        Skip-WithoutPostgres
        $cs = New-TestDatabase
        $db = ($cs -split ';' | Where-Object { $_ -like 'Database=*' }) -replace 'Database=', ''
        $null = Invoke-Admin 'CREATE TABLE invoices (id integer); INSERT INTO invoices VALUES (7); SELECT 1' $db
        { Connect-VBRServer -Path (Join-Path $script:TestRoot 'foreign') -ConnectionString $cs -Credential $script:Cred } |
            Should -Throw -ErrorId 'DatabaseNotRecognized,VeeamConfigBackup.Commands.Server.ConnectVBRServerCommand'
        Invoke-Admin "SELECT string_agg(table_name::text, ',') FROM information_schema.tables WHERE table_schema = 'public'" $db | Should -Be 'invoices'
    }

    It 'warns when the connection string itself carries the password' {
        Skip-WithoutPostgres
        $cs = (New-TestDatabase) + ";Username=$($script:Cred.UserName);Password=$($script:AdminPassword)"
        $session = Connect-VBRServer -Path (Join-Path $script:TestRoot 'pw-in-string') -ConnectionString $cs -WarningVariable w -WarningAction SilentlyContinue
        $session.DatabaseEngine | Should -Be 'PostgreSQL'
        ($w -join ' ') | Should -Match '-Credential'
    }

    It 'fails at once, without a prompt, in a runbook that gives no password' {
        Skip-WithoutPostgres
        $path = Join-Path $script:TestRoot 'runbook'
        $null = Connect-VBRServer -Path $path -ConnectionString (New-TestDatabase) -Credential $script:Cred
        Disconnect-VBRServer
        $child = Invoke-ChildPwsh -HomePath $path -TimeoutSeconds 60 -Script "try { Get-VBRKmsServer } catch { 'error:' + `$_.FullyQualifiedErrorId }"
        $child.Output | Should -Match 'error:DatabaseAuthenticationFailed'
    }

    It 'reports a database that went away with its error id from any cmdlet; Start-VBRConfigBackup writes a Failed result' {
        Skip-WithoutPostgres
        $cs = New-TestDatabase
        $db = ($cs -split ';' | Where-Object { $_ -like 'Database=*' }) -replace 'Database=', ''
        $null = Connect-VBRServer -Path (Join-Path $script:TestRoot 'gone') -ConnectionString $cs -Credential $script:Cred
        $pw = Add-VBRPassword -Password (Secure 'Gone-Pg-Passw0rd-3') -Hint 'gone'
        $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey $pw -WarningAction SilentlyContinue
        $null = Invoke-Admin "DROP DATABASE $db WITH (FORCE)"

        $err = $null
        try { Get-VBRPassword } catch { $err = $_ }
        # The first command may find its pooled connection cut (lost); either way the error says what happened.
        ($err.FullyQualifiedErrorId -split ',')[0] | Should -BeIn 'DatabaseConnectionLost', 'DatabaseNotFound'
        $err.CategoryInfo.Category | Should -BeIn 'ConnectionError', 'ObjectNotFound'

        $result = Start-VBRConfigBackup -ErrorAction SilentlyContinue -ErrorVariable runErrors -WarningAction SilentlyContinue
        $result.Result | Should -Be 'Failed'
        $result.ErrorId | Should -BeIn 'DatabaseConnectionLost', 'DatabaseNotFound'
        ($runErrors[0].FullyQualifiedErrorId -split ',')[0] | Should -Be $result.ErrorId
    }

    It 'refuses -Credential for a home on SQLite (CredentialWithoutDatabase)' {
        $path = New-TestHome 'sqlite-only'
        Disconnect-VBRServer
        { Connect-VBRServer -Path $path -Credential ([pscredential]::new('u', (Secure 'p'))) } |
            Should -Throw -ErrorId 'CredentialWithoutDatabase,VeeamConfigBackup.Commands.Server.ConnectVBRServerCommand'
    }

    It 'refuses a connection string it cannot read without repeating it (InvalidConnectionString)' {
        $err = $null
        try { Connect-VBRServer -Path (Join-Path $script:TestRoot 'bad-cs') -ConnectionString 'Host=db;Password=Do-Not-Echo-5;Nonsense Key=1' }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'InvalidConnectionString,VeeamConfigBackup.Commands.Server.ConnectVBRServerCommand'
        ($err | Out-String) | Should -Not -Match 'Do-Not-Echo-5'
    }
}
