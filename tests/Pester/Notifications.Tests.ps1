# Notification receivers through the cmdlets: syslog servers, the mail settings, SNMP receivers and the job's options,
# then what actually reaches a private rsyslog, SMTP sink and snmptrapd (tests/Receivers/*.sh). Without those receivers
# the delivery tests are skipped and say how to run them; in CI (.ci/run) they are required.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Key = 'Notifications-Pester-Passw0rd'
    $script:SmtpPassword = 'Smtp-Login-Passw0rd-9'

    function New-Marker { "pester-$([guid]::NewGuid().ToString('N').Substring(0, 10))" }

    # A server whose name marks everything it sends: syslog's HOSTNAME and the trap's server name are the server's name.
    function New-NotifyHome([string] $Marker = (New-Marker)) {
        $null = New-TestHome $Marker
        $Marker
    }

    function Skip-Without([string] $Receiver) {
        $available = switch ($Receiver) {
            'SYSLOG' { $env:VBR_TEST_SYSLOG_TCP_PORT -and $env:VBR_TEST_SYSLOG_UDP_PORT -and $env:VBR_TEST_SYSLOG_OUTPUT }
            'SMTP' { $env:VBR_TEST_SMTP_PORT -and $env:VBR_TEST_SMTP_MAILDIR }
            'SNMP' { $env:VBR_TEST_SNMP_PORT -and $env:VBR_TEST_SNMP_LOG -and $env:VBR_TEST_SNMP_COMMUNITY }
        }
        if ($available) { return $false }
        $script = $Receiver.ToLowerInvariant()
        $how = "run eval `"`$(tests/Receivers/$script.sh start)`" before the test command (and tests/Receivers/$script.sh stop after it)"
        if ([Environment]::GetEnvironmentVariable("VBR_TEST_$($Receiver)_REQUIRED") -eq '1') {
            throw "VBR_TEST_$($Receiver)_REQUIRED=1, but the $script receiver's variables (VBR_TEST_$($Receiver)_*) are not set: $how."
        }
        Set-ItResult -Skipped -Because "no $script receiver: .ci/run starts one; here, $how"
        $true
    }

    # The lines rsyslog wrote (as received) that have all the given texts, once there are -Count of them or the time is up.
    function Wait-SyslogLine([string[]] $Text, [int] $Count = 1, [int] $Seconds = 15) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        do {
            $lines = @(Get-Content -LiteralPath $env:VBR_TEST_SYSLOG_OUTPUT -ErrorAction SilentlyContinue |
                Where-Object { $l = $_; -not ($Text | Where-Object { -not $l.Contains($_) }) })
            if ($lines.Count -ge $Count) { return $lines }
            Start-Sleep -Milliseconds 100
        } while ([DateTime]::UtcNow -lt $deadline)
        $lines
    }

    # The message the SMTP sink stored whose raw text has the marker.
    function Wait-Mail([string] $Marker, [int] $Seconds = 10) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        do {
            $file = Get-ChildItem -LiteralPath $env:VBR_TEST_SMTP_MAILDIR -Filter '*.eml' -ErrorAction SilentlyContinue |
                Where-Object { (Get-Content -LiteralPath $_.FullName -Raw).Contains($Marker) } | Select-Object -First 1
            if ($file) { return Get-Content -LiteralPath $file.FullName -Raw }
            Start-Sleep -Milliseconds 100
        } while ([DateTime]::UtcNow -lt $deadline)
        $null
    }

    # snmptrapd logs every string in hex (-Ox), so the marker is looked for as its UTF-8 bytes in hex.
    function Wait-Trap([string] $Marker, [int] $Seconds = 10) {
        $hex = [BitConverter]::ToString([Text.Encoding]::UTF8.GetBytes($Marker)).Replace('-', ' ')
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        do {
            $line = Get-Content -LiteralPath $env:VBR_TEST_SNMP_LOG -ErrorAction SilentlyContinue |
                Where-Object { $_.StartsWith("TRAP`t") -and $_.ToUpperInvariant().Contains($hex) } | Select-Object -First 1
            if ($line) { return $line }
            Start-Sleep -Milliseconds 100
        } while ([DateTime]::UtcNow -lt $deadline)
        $null
    }

    function ConvertTo-TrapHex([string] $Text) { [BitConverter]::ToString([Text.Encoding]::UTF8.GetBytes($Text)).Replace('-', ' ') }

    # A loopback TCP port that nothing listens on: the system picks a free one, and it is let go at once.
    function Get-DeadPort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $port
    }

    function Use-Receivers([string] $Marker) {
        $null = Add-VBRSyslogServer -ServerHost 127.0.0.1 -Port $env:VBR_TEST_SYSLOG_TCP_PORT -Protocol Tcp
        $null = Add-VBRSyslogServer -ServerHost 127.0.0.1 -Port $env:VBR_TEST_SYSLOG_UDP_PORT -Protocol Udp
        Set-VBRMailNotificationConfiguration -SmtpServer 127.0.0.1 -Port $env:VBR_TEST_SMTP_PORT -TlsMode None `
            -Sender 'vbr@example.com' -Recipient "$Marker@example.com" -Subject "[%JobResult%] %JobName% $Marker" -Enable
        $null = Set-VBRSNMPOptions -Receiver (New-VBRSNMPReceiver -ReceiverIP 127.0.0.1 -ReceiverPort $env:VBR_TEST_SNMP_PORT -CommunityString $env:VBR_TEST_SNMP_COMMUNITY)
    }

    function Enable-Encryption {
        $password = Add-VBRPassword -Password (Secure $Key) -Hint 'notifications key'
        $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey $password -WarningAction SilentlyContinue
    }
}
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'Syslog servers' {
    It 'adds, lists, changes and removes a syslog server' {
        $null = New-NotifyHome
        Get-VBRSyslogServer | Should -BeNullOrEmpty
        $tcp = Add-VBRSyslogServer -ServerHost ' syslog01.corp.example ' -Protocol Tcp
        $tcp.PSObject.TypeNames[0] | Should -Be 'VeeamConfigBackup.VBRSyslogServer'
        $tcp.ServerHost | Should -Be 'syslog01.corp.example'
        $tcp.Port | Should -Be 514
        $tcp.Id | Should -Not -Be ([guid]::Empty)
        # A SHA-256 thumbprint as openssl prints it: colons and lower case are taken, and stored as plain hex.
        $tls = Add-VBRSyslogServer -ServerHost '10.0.0.12' -Protocol Tls -CertificateThumbprint ((@('ab') * 32) -join ':')
        $tls.Port | Should -Be 6514
        $tls.CertificateThumbprint | Should -Be ('AB' * 32)
        @(Get-VBRSyslogServer).Count | Should -Be 2
        (Get-VBRSyslogServer -ServerHost 'SYSLOG*').Id | Should -Be $tcp.Id
        (Get-VBRSyslogServer -Id $tls.Id).ServerHost | Should -Be '10.0.0.12'
        Get-VBRSyslogServer -ServerHost 'nothing*' | Should -BeNullOrEmpty

        # The table shows every column whole in a 120-column terminal: the longest thumbprint is not cut.
        $table = Get-VBRSyslogServer | Out-String -Width 120
        $table | Should -Match 'ServerHost\s+Port\s+Protocol\s+CertificateThumbprint'
        $table | Should -Match ([regex]::Escape('AB' * 32))

        $changed = $tcp | Set-VBRSyslogServer -Port 1514 -Protocol Udp
        $changed.Port | Should -Be 1514
        $changed.Protocol | Should -Be 'Udp'
        $changed.ServerHost | Should -Be 'syslog01.corp.example'
        (Get-VBRSyslogServer -Id $tcp.Id).Port | Should -Be 1514
        # Leaving TLS drops the pin, which only means something over TLS.
        ($tls | Set-VBRSyslogServer -Protocol Tcp -Port 514).CertificateThumbprint | Should -BeNullOrEmpty
        (Set-VBRSyslogServer -Server $tls -Protocol Tls -CertificateThumbprint ('cd' * 20)).CertificateThumbprint | Should -Be ('CD' * 20)
        (Get-VBRSyslogServer -Id $tls.Id | Set-VBRSyslogServer -CertificateThumbprint '').CertificateThumbprint | Should -BeNullOrEmpty

        Get-VBRSyslogServer -ServerHost 'syslog01*' | Remove-VBRSyslogServer -Force
        (Get-VBRSyslogServer).Id | Should -Be $tls.Id
        Remove-VBRSyslogServer -Server $tls -Force
        Get-VBRSyslogServer | Should -BeNullOrEmpty
    }

    It 'changes nothing with -WhatIf, and asks before removing' {
        $null = New-NotifyHome
        Add-VBRSyslogServer -ServerHost 'siem01' -WhatIf
        Get-VBRSyslogServer | Should -BeNullOrEmpty
        $server = Add-VBRSyslogServer -ServerHost 'siem01'
        $server | Set-VBRSyslogServer -Port 1514 -WhatIf | Should -BeNullOrEmpty
        (Get-VBRSyslogServer).Port | Should -Be 514
        $server | Remove-VBRSyslogServer -Force -WhatIf
        (Get-VBRSyslogServer).Id | Should -Be $server.Id
        # No -Force in a session that cannot ask: a clear error, and the server stays.
        $child = Invoke-ChildPwsh -HomePath (Get-VBRServerSession).HomePath -Script "Get-VBRSyslogServer | Remove-VBRSyslogServer -ErrorAction Stop"
        $child.ExitCode | Should -Not -Be 0
        $child.Errors + $child.Output | Should -Match 'ConfirmationRequired|needs confirmation'
        (Get-VBRSyslogServer).Id | Should -Be $server.Id
    }

    It 'refuses bad settings with their error ids, and registers nothing' {
        $null = New-NotifyHome
        { Add-VBRSyslogServer -ServerHost 'not a host!' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidServerHost,VeeamConfigBackup.Commands.Notifications.AddVBRSyslogServerCommand'
        { Add-VBRSyslogServer -ServerHost 'siem01' -Port 70000 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidPort,*'
        { Add-VBRSyslogServer -ServerHost 'siem01' -Protocol Tcp -CertificateThumbprint ('AB' * 20) -ErrorAction Stop } | Should -Throw -ErrorId 'CertificateThumbprintNeedsTls,*'
        { Add-VBRSyslogServer -ServerHost 'siem01' -Protocol Tls -CertificateThumbprint 'ABCD' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidCertificateThumbprint,*'
        Get-VBRSyslogServer | Should -BeNullOrEmpty
        $first = Add-VBRSyslogServer -ServerHost 'siem01' -Protocol Tcp
        { Add-VBRSyslogServer -ServerHost 'SIEM01' -Protocol Tcp -ErrorAction Stop } | Should -Throw -ErrorId 'SyslogServerAlreadyExists,*'
        $second = Add-VBRSyslogServer -ServerHost 'siem01' -Protocol Udp   # another protocol is another server
        { $second | Set-VBRSyslogServer -Protocol Tcp -ErrorAction Stop } | Should -Throw -ErrorId 'SyslogServerAlreadyExists,VeeamConfigBackup.Commands.Notifications.SetVBRSyslogServerCommand'
        { Get-VBRSyslogServer -ServerHost 'siem02' -ErrorAction Stop } | Should -Throw -ErrorId 'SyslogServerNotFound,VeeamConfigBackup.Commands.Notifications.GetVBRSyslogServerCommand'
        { Remove-VBRSyslogServer -ServerHost 'siem0[2-9]*' -Force -ErrorAction Stop } | Should -Throw -ErrorId 'SyslogServerNotFound,VeeamConfigBackup.Commands.Notifications.RemoveVBRSyslogServerCommand'
        $first | Remove-VBRSyslogServer -Force
        { $first | Remove-VBRSyslogServer -Force -ErrorAction Stop } | Should -Throw -ErrorId 'SyslogServerNotFound,*'
        { $first | Set-VBRSyslogServer -Port 1 -ErrorAction Stop } | Should -Throw -ErrorId 'SyslogServerNotFound,*'
        (Get-VBRSyslogServer).Id | Should -Be $second.Id
    }

    It 'completes the hosts of the registered servers on Tab' {
        $null = New-NotifyHome
        $null = Add-VBRSyslogServer -ServerHost 'syslog01.corp.example' -Protocol Tcp
        $null = Add-VBRSyslogServer -ServerHost 'syslog01.corp.example' -Protocol Udp
        $null = Add-VBRSyslogServer -ServerHost 'siem01'
        $line = 'Get-VBRSyslogServer -ServerHost sys'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Be @('syslog01.corp.example')   # one host, once
        # The tooltip names both of its servers (added in the same millisecond, they may come in either order).
        $completion.CompletionMatches[0].ToolTip | Should -Match 'tcp://syslog01\.corp\.example:514'
        $completion.CompletionMatches[0].ToolTip | Should -Match 'udp://syslog01\.corp\.example:514'
    }
}

Describe 'E-mail notification settings' {
    It 'keeps what is not given, and switches change only when given' {
        $null = New-NotifyHome
        $default = Get-VBRMailNotificationConfiguration
        $default.PSObject.TypeNames[0] | Should -Be 'VeeamConfigBackup.VBRMailNotificationConfiguration'
        $default.Enabled | Should -BeFalse
        $default.Port | Should -Be 25
        $default.TlsMode | Should -Be 'StartTls'
        $default.NotifyOnSuccess | Should -BeTrue

        Set-VBRMailNotificationConfiguration -SmtpServer 'smtp.corp.example' -Sender 'vbr01@corp.example' -Recipient 'backup-admins@corp.example', 'oncall@corp.example' -Enable | Should -BeNullOrEmpty
        $mail = Get-VBRMailNotificationConfiguration
        $mail.Enabled | Should -BeTrue
        $mail.Recipient | Should -Be @('backup-admins@corp.example', 'oncall@corp.example')
        $mail.Subject | Should -Be '[%JobResult%] %JobName%'

        $mail = Set-VBRMailNotificationConfiguration -NotifyOnSuccess:$false -Timeout 10 -PassThru
        $mail.NotifyOnSuccess | Should -BeFalse
        $mail.NotifyOnWarning | Should -BeTrue
        $mail.Timeout | Should -Be 10
        $mail.SmtpServer | Should -Be 'smtp.corp.example'
        (Set-VBRMailNotificationConfiguration -Subject 'VBR01: %JobResult%' -PassThru).NotifyOnSuccess | Should -BeFalse
        (Set-VBRMailNotificationConfiguration -NotifyOnSuccess -PassThru).NotifyOnSuccess | Should -BeTrue

        # -EnableSSL as the product means it: SSL on 465, STARTTLS elsewhere, none with :$false.
        (Set-VBRMailNotificationConfiguration -Port 465 -EnableSSL -PassThru).TlsMode | Should -Be 'Ssl'
        (Set-VBRMailNotificationConfiguration -Port 587 -EnableSSL -PassThru).TlsMode | Should -Be 'StartTls'
        $plain = Set-VBRMailNotificationConfiguration -EnableSSL:$false -PassThru
        $plain.TlsMode | Should -Be 'None'
        $plain.SSLEnabled | Should -BeFalse
        (Set-VBRMailNotificationConfiguration -TlsMode Ssl -PassThru).SSLEnabled | Should -BeTrue

        Set-VBRMailNotificationConfiguration -Disable
        $off = Get-VBRMailNotificationConfiguration
        $off.Enabled | Should -BeFalse
        $off.SmtpServer | Should -Be 'smtp.corp.example'   # disabling keeps the settings
        (Set-VBRMailNotificationConfiguration -Enable -PassThru).Enabled | Should -BeTrue

        Set-VBRMailNotificationConfiguration -Port 2525 -Disable -WhatIf
        (Get-VBRMailNotificationConfiguration).Port | Should -Be 587
        (Get-VBRMailNotificationConfiguration).Enabled | Should -BeTrue
    }

    It 'sets the SMTP login by reference and never shows its password' {
        $null = New-NotifyHome
        $login = Add-VBRCredentials -Credential ([pscredential]::new('vbr-mailer', (Secure $SmtpPassword))) -Description 'SMTP relay'
        $mail = Set-VBRMailNotificationConfiguration -SmtpServer 'smtp.corp.example' -Sender 'vbr01@corp.example' -Recipient 'backup-admins@corp.example' -Credentials $login -Enable -PassThru
        $mail.CredentialsId | Should -Be $login.Id
        $mail.AuthEnabled | Should -BeTrue
        $shown = ($mail | Out-String -Width 200) + ($mail | Format-Table | Out-String -Width 200) + ($mail | Format-List * | Out-String -Width 200) + ($mail | ConvertTo-Json)
        $shown | Should -Match 'vbr01@corp.example'
        $shown | Should -Not -Match ([regex]::Escape($SmtpPassword))
        # The login cannot be removed while the mail settings use it.
        { Remove-VBRCredentials -Id $login.Id -Force -ErrorAction Stop } | Should -Throw -ErrorId 'CredentialsInUse,*'
        # -EnableAuth alone keeps it; -EnableAuth:$false clears it, and then the record can go.
        (Set-VBRMailNotificationConfiguration -EnableAuth -PassThru).CredentialsId | Should -Be $login.Id
        $none = Set-VBRMailNotificationConfiguration -EnableAuth:$false -PassThru
        $none.CredentialsId | Should -BeNullOrEmpty
        $none.AuthEnabled | Should -BeFalse
        { Set-VBRMailNotificationConfiguration -EnableAuth } | Should -Throw -ErrorId 'MailCredentialsRequired,*'
        Remove-VBRCredentials -Id $login.Id -Force
        { Set-VBRMailNotificationConfiguration -Credentials $login } | Should -Throw -ErrorId 'CredentialsNotFound,*'
        (Get-VBRMailNotificationConfiguration).CredentialsId | Should -BeNullOrEmpty
    }

    It 'refuses bad settings with their error ids, and changes nothing' {
        $null = New-NotifyHome
        $null = Set-VBRMailNotificationConfiguration -SmtpServer 'smtp.corp.example' -Sender 'vbr01@corp.example' -Recipient 'a@corp.example'
        $before = Get-VBRMailNotificationConfiguration | ConvertTo-Json
        { Set-VBRMailNotificationConfiguration -Enable -Recipient @() } | Should -Throw -ErrorId 'MailSettingsIncomplete,VeeamConfigBackup.Commands.Notifications.SetVBRMailNotificationConfigurationCommand'
        { Set-VBRMailNotificationConfiguration -SmtpServer 'smtp server!' } | Should -Throw -ErrorId 'InvalidSmtpServer,*'
        { Set-VBRMailNotificationConfiguration -Port 0 } | Should -Throw -ErrorId 'InvalidPort,*'
        { Set-VBRMailNotificationConfiguration -Timeout 61 } | Should -Throw -ErrorId 'InvalidTimeout,*'
        { Set-VBRMailNotificationConfiguration -Sender 'not an address' } | Should -Throw -ErrorId 'InvalidMailAddress,*'
        { Set-VBRMailNotificationConfiguration -Recipient 'ok@corp.example', 'broken@' } | Should -Throw -ErrorId 'InvalidMailAddress,*'
        { Set-VBRMailNotificationConfiguration -EnableSSL -TlsMode None } | Should -Throw -ErrorId 'ConflictingParameters,*'
        { Set-VBRMailNotificationConfiguration -Enable -Disable } | Should -Throw -ErrorId 'ConflictingParameters,*'
        Get-VBRMailNotificationConfiguration | ConvertTo-Json | Should -Be $before
        # A fresh server has nothing to send with: enabling alone is refused.
        $null = New-NotifyHome
        { Set-VBRMailNotificationConfiguration -Enable } | Should -Throw -ErrorId 'MailSettingsIncomplete,*'
    }

    It 'shows the settings in a table that fits 120 columns' {
        $null = New-NotifyHome
        $null = Set-VBRMailNotificationConfiguration -SmtpServer 'smtp.corp.example' -Sender 'vbr01@corp.example' -Recipient 'backup-admins@corp.example' -Enable
        $table = Get-VBRMailNotificationConfiguration | Format-Table | Out-String -Width 120
        $table | Should -Match 'Enabled\s+SmtpServer\s+Port\s+TlsMode\s+Auth\s+Sender\s+Recipient\s+NotifyOn'
        $table | Should -Match 'backup-admins@corp\.example\s+Success, Warning, Failure'
    }
}

Describe 'SNMP receivers' {
    It 'keeps the community out of every view, and keeps it when the receivers are set again from Get-' {
        $null = New-NotifyHome
        $community = "community-$(New-Marker)"
        $receiver = New-VBRSNMPReceiver -ReceiverIP '10.0.0.20' -CommunityString $community
        $receiver.PSObject.TypeNames[0] | Should -Be 'VeeamConfigBackup.VBRSNMPReceiver'
        $receiver.ReceiverPort | Should -Be 162
        $shown = ($receiver | Out-String -Width 200) + ($receiver | Format-List | Out-String -Width 200) + "$receiver"
        $shown | Should -Match '\(hidden\)'
        $shown | Should -Not -Match $community

        $options = Set-VBRSNMPOptions -Receiver $receiver
        $options.PSObject.TypeNames[0] | Should -Be 'VeeamConfigBackup.VBRSNMPOptions'
        $options.Receiver.ReceiverIP | Should -Be '10.0.0.20'
        $stored = (Get-VBRSNMPOptions).Receiver
        $stored.Id | Should -Not -Be ([guid]::Empty)
        $stored.CommunityString | Should -BeNullOrEmpty
        (Get-VBRSNMPOptions | Out-String -Width 120) + ($stored | Out-String -Width 120) | Should -Not -Match $community
        # Nothing on disk holds the community in clear.
        $homePath = (Get-VBRServerSession).HomePath
        $needle = [Text.Encoding]::UTF8.GetBytes($community)
        foreach ($file in Get-ChildItem -LiteralPath $homePath -Recurse -File) {
            $bytes = [IO.File]::ReadAllBytes($file.FullName)
            [Text.Encoding]::Latin1.GetString($bytes).Contains([Text.Encoding]::Latin1.GetString($needle)) | Should -BeFalse -Because $file.Name
        }

        # Given back as read, the receiver keeps its id and its community; a new one without a community is refused.
        $again = (Get-VBRSNMPOptions).Receiver | Set-VBRSNMPOptions
        $again.Receiver.Id | Should -Be $stored.Id
        { Set-VBRSNMPOptions -Receiver (@($stored) + (New-VBRSNMPReceiver -ReceiverIP '10.0.0.21')) } | Should -Throw -ErrorId 'SnmpCommunityRequired,VeeamConfigBackup.Commands.Notifications.SetVBRSNMPOptionsCommand'
        (Get-VBRSNMPOptions).Receiver.Count | Should -Be 1
    }

    It 'changes a copy in memory with Set-VBRSNMPReceiver, and takes the community as a SecureString too' {
        $null = New-NotifyHome
        $receiver = New-VBRSNMPReceiver -ReceiverIP 'nms01.corp.example' -ReceiverPort 1162 -Community (Secure 'vault-community')
        $receiver.CommunityString | Should -Be 'vault-community'
        $copy = $receiver | Set-VBRSNMPReceiver -ReceiverPort 2162 -ReceiverIP '10.0.0.30'
        $copy.ReceiverPort | Should -Be 2162
        $copy.ReceiverIP | Should -Be '10.0.0.30'
        $copy.CommunityString | Should -Be 'vault-community'
        $receiver.ReceiverPort | Should -Be 1162   # the original is not changed
        $receiver | Set-VBRSNMPReceiver -ReceiverPort 3162 -WhatIf | Should -BeNullOrEmpty
        (Get-VBRSNMPOptions).Receiver | Should -BeNullOrEmpty   # nothing was stored by any of it

        $null = Set-VBRSNMPOptions -Receiver $copy
        $moved = (Get-VBRSNMPOptions).Receiver | Set-VBRSNMPReceiver -ReceiverPort 4162
        $moved.CommunityString | Should -BeNullOrEmpty
        (Set-VBRSNMPOptions -Receiver $moved).Receiver.ReceiverPort | Should -Be 4162
        (Get-VBRSNMPOptions).Receiver.Id | Should -Be $moved.Id
        Set-VBRSNMPOptions -Receiver @() -WhatIf | Should -BeNullOrEmpty
        (Get-VBRSNMPOptions).Receiver.Count | Should -Be 1
        (Set-VBRSNMPOptions -Receiver @()).Receiver | Should -BeNullOrEmpty
    }

    It 'refuses bad receivers with their error ids' {
        $null = New-NotifyHome
        $six = 1..6 | ForEach-Object { New-VBRSNMPReceiver -ReceiverIP "10.0.0.$_" -CommunityString 'n0t-public' }
        { Set-VBRSNMPOptions -Receiver $six } | Should -Throw -ErrorId 'TooManySnmpReceivers,*'
        { $six | Set-VBRSNMPOptions } | Should -Throw -ErrorId 'TooManySnmpReceivers,*'
        { Set-VBRSNMPOptions -Receiver (New-VBRSNMPReceiver -ReceiverIP 'not an address!' -CommunityString 'n0t-public') } | Should -Throw -ErrorId 'InvalidNotificationReceiver,*'
        { New-VBRSNMPReceiver -ReceiverIP '10.0.0.1' -ReceiverPort 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        (Get-VBRSNMPOptions).Receiver | Should -BeNullOrEmpty
        (Set-VBRSNMPOptions -Receiver $six[0..4]).Receiver.Count | Should -Be 5
    }
}

Describe 'The job''s notification options' {
    It 'has every option off with no switches, as the product''s cmdlet does, and the job stores what it is given' {
        $null = New-NotifyHome
        # A job whose options were never set sends traps and has the NotifyOn options on.
        $never = (Get-VBRConfigBackupJob).NotificationOptions
        $never.EnableSnmpNotification | Should -BeTrue
        $never.EnableAdditionalNotification | Should -BeFalse

        $empty = New-VBRNotificationOptions
        $empty.PSObject.TypeNames[0] | Should -Be 'VeeamConfigBackup.VBRNotificationOptions'
        foreach ($name in 'EnableAdditionalNotification', 'UseNotificationOptions', 'NotifyOnSuccess', 'NotifyOnWarning', 'NotifyOnError', 'NotifyOnLastRetryOnly', 'EnableSnmpNotification') {
            $empty.$name | Should -BeFalse -Because $name
        }

        $options = New-VBRNotificationOptions -EnableAdditionalNotification -AdditionalAddress 'oncall@corp.example' -UseNotificationOptions -NotifyOnError -NotificationSubject 'VBR01 %JobResult%'
        $job = Set-VBRConfigBackupJob -NotificationOptions $options -PassThru
        $job.NotificationOptions.AdditionalAddress | Should -Be @('oncall@corp.example')
        $job.NotificationOptions.NotifyOnError | Should -BeTrue
        $job.NotificationOptions.NotifyOnSuccess | Should -BeFalse
        $job.NotificationOptions.EnableSnmpNotification | Should -BeFalse
        (Get-VBRConfigBackupJob).NotificationOptions.NotificationSubject | Should -Be 'VBR01 %JobResult%'
        $table = (Get-VBRConfigBackupJob).NotificationOptions | Out-String -Width 120
        $table | Should -Match 'AdditionalNotification\s+AdditionalAddress\s+Subject\s+NotifyOn\s+Snmp'
        $table | Should -Match 'oncall@corp\.example\s+VBR01 %JobResult%\s+Error\s+False'

        Set-VBRConfigBackupJob -Notification (New-VBRNotificationOptions -EnableSnmpNotification) -WhatIf
        (Get-VBRConfigBackupJob).NotificationOptions.EnableSnmpNotification | Should -BeFalse
        Set-VBRConfigBackupJob -Notification (New-VBRNotificationOptions -EnableSnmpNotification)
        (Get-VBRConfigBackupJob).NotificationOptions.EnableSnmpNotification | Should -BeTrue
        (Get-VBRConfigBackupJob).NotificationOptions.AdditionalAddress | Should -BeNullOrEmpty   # the options are replaced whole
    }

    It 'refuses an address that is not one, and keeps the job as it was' {
        $null = New-NotifyHome
        { Set-VBRConfigBackupJob -NotificationOptions (New-VBRNotificationOptions -EnableAdditionalNotification -AdditionalAddress 'on call@') -RestorePointsToKeep 3 } |
            Should -Throw -ErrorId 'InvalidMailAddress,VeeamConfigBackup.Commands.Backup.SetVBRConfigBackupJobCommand'
        (Get-VBRConfigBackupJob).NotificationOptions.AdditionalAddress | Should -BeNullOrEmpty
        (Get-VBRConfigBackupJob).RestorePointsToKeep | Should -Be 10
    }
}

Describe 'Send-VBRTestNotification' {
    It 'warns and writes nothing when no receiver is configured' {
        $null = New-NotifyHome
        # Mail settings that are disabled are no receiver.
        $null = Set-VBRMailNotificationConfiguration -SmtpServer 'smtp.corp.example' -Sender 'vbr01@corp.example' -Recipient 'a@corp.example'
        $output = Send-VBRTestNotification -WarningVariable warnings -WarningAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $warnings | Should -Match 'No notification receivers are configured'
        (Get-Command Send-VBRTestNotification).Parameters.Keys | Should -Not -Contain 'WhatIf'
    }

    It 'reports a receiver that is not there as not delivered, with a NotificationFailed error' {
        $null = New-NotifyHome
        $port = Get-DeadPort
        $null = Add-VBRSyslogServer -ServerHost 127.0.0.1 -Port $port -Protocol Tcp
        $deliveries = Send-VBRTestNotification -ErrorVariable failures -ErrorAction SilentlyContinue
        $deliveries.PSObject.TypeNames[0] | Should -Be 'VeeamConfigBackup.VBRNotificationDelivery'
        $deliveries.Receiver | Should -Be "syslog tcp://127.0.0.1:$port"
        $deliveries.Delivered | Should -BeFalse
        $deliveries.Error | Should -Not -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'NotificationFailed,VeeamConfigBackup.Commands.Notifications.SendVBRTestNotificationCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failures[0].TargetObject | Should -Be "syslog tcp://127.0.0.1:$port"
        $failures[0].Exception.Message | Should -Match "syslog tcp://127\.0\.0\.1:$port"
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Send-VBRTestNotification'
        { Send-VBRTestNotification -ErrorAction Stop } | Should -Throw -ErrorId 'NotificationFailed,*'
        ($deliveries | Out-String -Width 120) | Should -Match 'Receiver\s+Delivered\s+Error'
    }

    It 'reaches rsyslog, the SMTP sink and snmptrapd, and says Delivered for each' {
        if ((Skip-Without 'SYSLOG') -or (Skip-Without 'SMTP') -or (Skip-Without 'SNMP')) { return }
        $marker = New-NotifyHome
        Use-Receivers $marker
        $deliveries = Send-VBRTestNotification
        $deliveries.Receiver | Sort-Object | Should -Be (@(
            "syslog tcp://127.0.0.1:$($env:VBR_TEST_SYSLOG_TCP_PORT)"
            "syslog udp://127.0.0.1:$($env:VBR_TEST_SYSLOG_UDP_PORT)"
            "smtp://127.0.0.1:$($env:VBR_TEST_SMTP_PORT)"
            "snmp udp://127.0.0.1:$($env:VBR_TEST_SNMP_PORT)") | Sort-Object)
        $deliveries | Where-Object { -not $_.Delivered } | Should -BeNullOrEmpty
        # Two lines, one per syslog protocol, from this server (its name is the HOSTNAME), about the test.
        $lines = Wait-SyslogLine @(" $marker Veeam_MP ") -Count 2
        $lines.Count | Should -Be 2
        $lines | ForEach-Object { $_ | Should -Match "instanceId=0 .*Description=`"Test notification from the backup server $marker\.`"" }
        Wait-Mail $marker | Should -Match "Subject: \[Success\] Test notification $marker"
        $trap = Wait-Trap $marker
        $trap | Should -Not -BeNullOrEmpty
        $trap | Should -Match "community $([regex]::Escape($env:VBR_TEST_SNMP_COMMUNITY))"
    }
}

Describe 'Notifications of runs and restores' {
    It 'warns NotificationFailed when a syslog server is not there, and the backup still succeeds' {
        $null = New-NotifyHome
        $port = Get-DeadPort
        $null = Add-VBRSyslogServer -ServerHost 127.0.0.1 -Port $port -Protocol Tcp
        $result = Start-VBRConfigBackup -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Result | Should -Not -Be 'Failed'
        $result.Error | Should -BeNullOrEmpty
        Test-Path -LiteralPath $result.Path | Should -BeTrue
        # A finding of the run, like the rules' ones: written once as a warning, and kept on the result by its id.
        $finding = $result.Warnings | Where-Object RuleId -eq 'NotificationFailed'
        @($finding).Count | Should -Be 1
        $finding.Message | Should -Match "^NotificationFailed: the notification to syslog tcp://127\.0\.0\.1:$port was not delivered: .*\.$"
        @($warnings | Where-Object { "$_" -match "notification to syslog tcp://127\.0\.0\.1:$port was not delivered" }).Count | Should -Be 1
        (Get-VBRConfigBackupSession).Result | Should -Be $result.Result
        (Get-VBRConfigBackup).Path | Should -Be $result.Path
    }

    It 'sends 40700 to rsyslog, an e-mail to the sink and a trap to snmptrapd for a backup run' {
        if ((Skip-Without 'SYSLOG') -or (Skip-Without 'SMTP') -or (Skip-Without 'SNMP')) { return }
        $marker = New-NotifyHome
        Use-Receivers $marker
        Enable-Encryption
        $result = Start-VBRConfigBackup -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Result | Should -Not -Be 'Failed'
        $warnings | Where-Object { "$_" -like 'NotificationFailed*' } | Should -BeNullOrEmpty
        $line = Wait-SyslogLine @(" $marker Veeam_MP ", 'instanceId=40700 ')
        $line | Should -Not -BeNullOrEmpty
        $line | Should -Match ([regex]::Escape("Description=`"Configuration backup has been completed. Result: $($result.Result).`""))
        Wait-Mail $marker | Should -Match "Subject: \[$($result.Result)\] Backup Configuration Job $marker"
        $trap = Wait-Trap $marker
        $trap | Should -Not -BeNullOrEmpty
        $trap | Should -Match (ConvertTo-TrapHex "Configuration backup has been completed. Result: $($result.Result).")
    }

    It 'sends no trap when the job''s options say so, and still mails and logs' {
        if ((Skip-Without 'SYSLOG') -or (Skip-Without 'SMTP') -or (Skip-Without 'SNMP')) { return }
        $marker = New-NotifyHome
        Use-Receivers $marker
        Set-VBRConfigBackupJob -NotificationOptions (New-VBRNotificationOptions)
        $null = Start-VBRConfigBackup -WarningAction SilentlyContinue
        Wait-SyslogLine @(" $marker Veeam_MP ", 'instanceId=40700 ') | Should -Not -BeNullOrEmpty
        Wait-Mail $marker | Should -Not -BeNullOrEmpty
        Wait-Trap $marker -Seconds 3 | Should -BeNullOrEmpty
    }

    It 'keeps the SNMP community when the receivers are set again from Get-: the trap still comes with it' {
        if (Skip-Without 'SNMP') { return }
        $marker = New-NotifyHome
        $null = Set-VBRSNMPOptions -Receiver (New-VBRSNMPReceiver -ReceiverIP 127.0.0.1 -ReceiverPort $env:VBR_TEST_SNMP_PORT -CommunityString $env:VBR_TEST_SNMP_COMMUNITY)
        $null = (Get-VBRSNMPOptions).Receiver | Set-VBRSNMPOptions
        $null = (Get-VBRSNMPOptions).Receiver | Set-VBRSNMPReceiver -ReceiverPort $env:VBR_TEST_SNMP_PORT | Set-VBRSNMPOptions
        $delivery = Send-VBRTestNotification
        $delivery.Receiver | Should -Be "snmp udp://127.0.0.1:$($env:VBR_TEST_SNMP_PORT)"
        $delivery.Delivered | Should -BeTrue
        # snmptrapd drops a trap with a wrong community without a word: that it logged this one is the proof.
        Wait-Trap $marker | Should -Match "community $([regex]::Escape($env:VBR_TEST_SNMP_COMMUNITY))"
    }

    It 'records a restore as a session of type Restore, and sends 40800' {
        if (Skip-Without 'SYSLOG') { return }
        $marker = New-NotifyHome
        $null = Add-VBRSyslogServer -ServerHost 127.0.0.1 -Port $env:VBR_TEST_SYSLOG_TCP_PORT -Protocol Tcp
        Enable-Encryption
        $backup = Start-VBRConfigBackup -WarningAction SilentlyContinue
        $null = Restore-VBRConfigBackup -Path $backup.Path -Password (Secure $Key) -Force -WarningAction SilentlyContinue
        $restore = Get-VBRConfigBackupSession -Type Restore
        @($restore).Count | Should -Be 1
        $restore.Type | Should -Be 'Restore'
        $restore.RestoreMode | Should -Be 'Restore'
        $restore.Result | Should -Not -Be 'Failed'
        $restore.Path | Should -Be $backup.Path
        (Get-VBRConfigBackupSession -Type Backup).Path | Should -Be $backup.Path
        @(Get-VBRConfigBackupSession).Count | Should -Be 2
        $table = Get-VBRConfigBackupSession | Out-String -Width 120
        $table | Should -Match 'StartTimeUtc\s+Type\s+Result\s+Encrypted\s+SizeBytes\s+RestorePoint'
        $table | Should -Match 'Restore\s+(Success|Warning)'
        $line = Wait-SyslogLine @(" $marker Veeam_MP ", 'instanceId=40800 ')
        $line | Should -Not -BeNullOrEmpty
        $line | Should -Match 'Description="Configuration restore has been performed'
    }

    It 'records a refused restore with its error id' {
        $null = New-NotifyHome
        Enable-Encryption
        $backup = Start-VBRConfigBackup -WarningAction SilentlyContinue
        { Restore-VBRConfigBackup -Path $backup.Path -Password (Secure 'Wrong-Passw0rd-123') -Force -ErrorAction Stop } | Should -Throw
        $restore = Get-VBRConfigBackupSession -Type Restore
        $restore.Result | Should -Be 'Failed'
        $restore.ErrorId | Should -Not -BeNullOrEmpty
        Get-VBRConfigBackupSession -Type Restore -Result Success | Should -BeNullOrEmpty
    }
}
