# Object storage repositories through the cmdlets, against the real S3 gateway with Object Lock that tests/S3/cluster.sh
# starts (Ceph's RADOS Gateway). Without it these tests are skipped and say how to run them; in CI they are required.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Key = 'Object-Storage-Passw0rd'
    $script:HasS3 = [bool]$env:VBR_TEST_S3_ENDPOINT
    # The SDK ships in the module folder; its types are loaded on first use, which these helpers need before any cmdlet.
    Add-Type -Path (Join-Path (Split-Path $ModuleManifest) 'AWSSDK.Core.dll'), (Join-Path (Split-Path $ModuleManifest) 'AWSSDK.S3.dll')
    function Skip-WithoutS3 {
        if (-not $script:HasS3 -and $env:VBR_TEST_S3_REQUIRED -ne '1') {
            Set-ItResult -Skipped -Because 'no S3 gateway: .ci/run starts one; here, install radosgw, ceph-mon and ceph-osd and run eval "$(tests/S3/cluster.sh start)" before the test command'
            return $true
        }
        $false
    }
    # A fresh bucket with Object Lock, made with the SDK the module ships: locked objects can never be removed.
    function New-TestBucket {
        $name = "vbr-pester-$([guid]::NewGuid().ToString('N').Substring(0, 16))"
        $config = [Amazon.S3.AmazonS3Config]::new()
        $config.ServiceURL = $env:VBR_TEST_S3_ENDPOINT
        $config.ForcePathStyle = $true
        $config.AuthenticationRegion = 'us-east-1'
        $config.RequestChecksumCalculation = [Amazon.Runtime.RequestChecksumCalculation]::WHEN_REQUIRED
        $config.ResponseChecksumValidation = [Amazon.Runtime.ResponseChecksumValidation]::WHEN_REQUIRED
        $client = [Amazon.S3.AmazonS3Client]::new([Amazon.Runtime.BasicAWSCredentials]::new($env:VBR_TEST_S3_ACCESS_KEY, $env:VBR_TEST_S3_SECRET_KEY), $config)
        $request = [Amazon.S3.Model.PutBucketRequest]::new()
        $request.BucketName = $name
        $request.ObjectLockEnabledForBucket = $true
        $null = $client.PutBucketAsync($request).GetAwaiter().GetResult()
        $client.Dispose()
        $name
    }
    function New-S3Home {
        $null = New-TestHome 's3-pester'
        $pw = Add-VBRPassword -Password (Secure $Key) -Hint 's3 key'
        $null = Set-VBRConfigBackupEncryption -Enable -EncryptionKey $pw -WarningAction SilentlyContinue
        Add-VBRCredentials -Credential ([pscredential]::new($env:VBR_TEST_S3_ACCESS_KEY, (Secure $env:VBR_TEST_S3_SECRET_KEY))) -Type Linux -Description 'S3 keys'
    }
}
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'Add-VBRBackupRepository -Type S3Compatible' {
    It 'registers a bucket with Object Lock, and the job writes locked restore points there' {
        if (Skip-WithoutS3) { return }
        $keys = New-S3Home
        $bucket = New-TestBucket
        $repo = Add-VBRBackupRepository -Name 'Object storage' -Type S3Compatible -ServiceEndpoint $env:VBR_TEST_S3_ENDPOINT -Bucket $bucket -Folder 'vbr' -Credential $keys -ImmutabilityPeriod 1 -ForcePathStyle
        $repo.Type | Should -Be 'S3Compatible'
        $repo.Path | Should -Be "s3://$bucket/vbr"
        $repo.ImmutabilityPeriod | Should -Be 1
        $null = Set-VBRConfigBackupJob -Repository $repo
        $r = Start-VBRConfigBackup -WarningAction SilentlyContinue
        $r.Result | Should -Not -Be 'Failed' -Because $r.Error
        $r.Path | Should -BeLike "s3://$bucket/vbr/VeeamConfigBackup/s3-pester/*.bco"
        $r.ImmutableUntilUtc | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddHours(23))
        ($r | Out-String) + ($repo | Out-String) | Should -Not -Match ([regex]::Escape($env:VBR_TEST_S3_SECRET_KEY))
    }

    It 'lists, verifies and restores a point from the bucket, and refuses to delete it while it is locked' {
        if (Skip-WithoutS3) { return }
        $keys = New-S3Home
        $bucket = New-TestBucket
        $repo = Add-VBRBackupRepository -Name 'Object storage' -Type S3Compatible -ServiceEndpoint $env:VBR_TEST_S3_ENDPOINT -Bucket $bucket -Folder 'vbr' -Credential $keys -ImmutabilityPeriod 1 -ForcePathStyle
        $null = Set-VBRConfigBackupJob -Repository $repo
        $null = Start-VBRConfigBackup -WarningAction SilentlyContinue
        $point = Get-VBRConfigBackup | Where-Object Repository -eq 'Object storage'
        $point.ServerName | Should -Be 's3-pester'
        $point.ImmutableUntilUtc | Should -Not -BeNullOrEmpty
        ($point | Test-VBRConfigBackup -Password (Secure $Key)).ContentVerified | Should -BeTrue
        { $point | Remove-VBRConfigBackup -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'RestorePointImmutable,VeeamConfigBackup.Commands.Backup.RemoveVBRConfigBackupCommand'
        $target = Join-Path $TestRoot ([guid]::NewGuid().ToString('N'))
        $result = $point | Restore-VBRConfigBackup -Password (Secure $Key) -Mode Migrate -TargetPath $target -Force
        $result.SecretsRestored | Should -BeTrue
        $child = Invoke-ChildPwsh -HomePath $target -Script "(Get-VBRCredentials -AsPSCredential | Where-Object UserName -eq '$($env:VBR_TEST_S3_ACCESS_KEY)').GetNetworkCredential().Password -eq '$($env:VBR_TEST_S3_SECRET_KEY)'"
        $child.Output.Trim() | Should -Be 'True'
    }

    It 'refuses a bucket that does not exist, or one without Object Lock for an immutability period, and registers nothing' {
        if (Skip-WithoutS3) { return }
        $keys = New-S3Home
        $e = { Add-VBRBackupRepository -Name 'Missing' -Type S3Compatible -ServiceEndpoint $env:VBR_TEST_S3_ENDPOINT -Bucket 'vbr-no-such-bucket-at-all' -Folder 'vbr' -Credential $keys -ForcePathStyle -ErrorAction Stop } |
            Should -Throw -ErrorId 'S3BucketNotFound,VeeamConfigBackup.Commands.Repositories.AddVBRBackupRepositoryCommand' -PassThru
        $e.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        { Add-VBRBackupRepository -Name 'Down' -Type S3Compatible -ServiceEndpoint 'http://127.0.0.1:1' -Bucket 'vbr-any' -Folder 'vbr' -Credential $keys -ForcePathStyle -ErrorAction Stop } |
            Should -Throw -ErrorId 'S3EndpointUnreachable,VeeamConfigBackup.Commands.Repositories.AddVBRBackupRepositoryCommand'
        { Add-VBRBackupRepository -Name 'No path' -Type S3Compatible -Path '/tmp/x' -ErrorAction Stop } | Should -Throw
        @(Get-VBRBackupRepository | Where-Object Type -eq 'S3Compatible').Count | Should -Be 0
    }
}
