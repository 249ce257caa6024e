BeforeAll { . (Join-Path $PSScriptRoot 'TestSetup.ps1') }
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'KMS servers' {
    BeforeEach { $null = New-TestHome }

    It 'adds, lists and removes KMS server records' {
        $k = Add-VBRKmsServer -Name 'kms-01' -Address 'kms.example.test' -Description 'primary'
        $k.Port | Should -Be 5696
        (Get-VBRKmsServer -Name 'kms*').Id | Should -Be $k.Id
        $k | Remove-VBRKmsServer -Force
        Get-VBRKmsServer | Should -BeNullOrEmpty
    }

    It 'rejects an absurd port at binding and a bad address in the engine' {
        { Add-VBRKmsServer -Name 'k' -Address 'kms.example.test' -Port 0 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VeeamConfigBackup.Commands.KmsServers.AddVBRKmsServerCommand'
        { Add-VBRKmsServer -Name 'k' -Address 'not a host' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidKmsServerAddress,VeeamConfigBackup.Commands.KmsServers.AddVBRKmsServerCommand'
        Get-VBRKmsServer | Should -BeNullOrEmpty
    }
}
