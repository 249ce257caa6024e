BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    function New-TestPfx([string] $Subject, [string] $Password) {
        $key = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $key, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $cert = $request.CreateSelfSigned([datetimeoffset]::UtcNow.AddDays(-1), [datetimeoffset]::UtcNow.AddYears(1))
        $path = Join-Path $script:TestRoot "$([guid]::NewGuid().ToString('N')).pfx"
        $null = New-Item -ItemType Directory -Force $script:TestRoot
        [IO.File]::WriteAllBytes($path, $cert.Export('Pkcs12', $Password))
        [pscustomobject]@{ Path = $path; Thumbprint = $cert.Thumbprint; PrivateKey = $key.ExportPkcs8PrivateKey(); Certificate = $cert }
    }
}
AfterAll { Disconnect-VBRServer; Remove-TestRoot }

Describe 'Certificates' {
    BeforeEach { $script:HomePath = New-TestHome }

    It 'adds a PFX with its private key, lists and removes it' {
        $pfx = New-TestPfx 'CN=backup.example.test' 'Pfx-Passw0rd-1'
        $c = Add-VBRCertificate -Path $pfx.Path -Password (Secure 'Pfx-Passw0rd-1')
        $c.Thumbprint | Should -Be $pfx.Thumbprint
        $c.HasPrivateKey | Should -BeTrue
        (Get-VBRCertificate -Subject 'CN=backup*').Thumbprint | Should -Be $pfx.Thumbprint
        Remove-VBRCertificate -Thumbprint $pfx.Thumbprint -Force
        Get-VBRCertificate | Should -BeNullOrEmpty
    }

    It 'keeps the private key only in protected form in the home' {
        $pfx = New-TestPfx 'CN=secret.example.test' 'Pfx-Passw0rd-2'
        $null = Add-VBRCertificate -Path $pfx.Path -Password (Secure 'Pfx-Passw0rd-2')
        $needle = [Convert]::ToHexString($pfx.PrivateKey)
        foreach ($file in Get-ChildItem -LiteralPath $HomePath -Recurse -File) {
            [Convert]::ToHexString([IO.File]::ReadAllBytes($file.FullName)).Contains($needle) | Should -BeFalse -Because $file.FullName
        }
    }

    It 'reports a wrong PFX password, a file that is not a PFX, and a missing file' {
        $pfx = New-TestPfx 'CN=x' 'right'
        { Add-VBRCertificate -Path $pfx.Path -Password (Secure 'wrong') -ErrorAction Stop } |
            Should -Throw -ErrorId 'CertificateNotReadable,VeeamConfigBackup.Commands.Certificates.AddVBRCertificateCommand'
        $text = Join-Path $script:TestRoot 'not-a.pfx'
        Set-Content $text 'hello'
        { Add-VBRCertificate -Path $text -ErrorAction Stop } |
            Should -Throw -ErrorId 'CertificateNotReadable,VeeamConfigBackup.Commands.Certificates.AddVBRCertificateCommand'
        { Add-VBRCertificate -Path (Join-Path $script:TestRoot 'missing.pfx') -ErrorAction Stop } |
            Should -Throw -ErrorId 'CertificateFileNotFound,VeeamConfigBackup.Commands.Certificates.AddVBRCertificateCommand'
        Get-VBRCertificate | Should -BeNullOrEmpty
    }

    It 'refuses a certificate without a private key' {
        $pfx = New-TestPfx 'CN=public-only' 'x'
        $public = Join-Path $script:TestRoot 'public.pfx'
        $publicOnly = [System.Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadCertificate($pfx.Certificate.RawData)
        [IO.File]::WriteAllBytes($public, $publicOnly.Export('Pkcs12'))
        { Add-VBRCertificate -Path $public -ErrorAction Stop } |
            Should -Throw -ErrorId 'CertificateHasNoPrivateKey,VeeamConfigBackup.Commands.Certificates.AddVBRCertificateCommand'
    }
}
