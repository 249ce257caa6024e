<#
.SYNOPSIS
    Builds the module's MAML help from the PlatyPS-style markdown in docs/help and the cmdlets' own metadata.
.DESCRIPTION
    Run in a process that has imported the built module. Syntax, types, positions, pipeline input and
    wildcard support come from the cmdlets themselves, so they cannot drift from the code; synopsis,
    description, parameter descriptions, examples and notes come from the markdown. A cmdlet without a
    page, a parameter without a description, or a description of a parameter that does not exist fails
    the build.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleName,
    [Parameter(Mandatory)] [string] $MarkdownFolder,
    [Parameter(Mandatory)] [string] $OutputFile
)

$ErrorActionPreference = 'Stop'
# PowerShell passes $null to a .NET string parameter as "", which XmlWriter rejects with a prefix: name the namespaces.
$mamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$commandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$devNs = 'http://schemas.microsoft.com/maml/dev/2004/10'
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Read-HelpMarkdown([string] $Path) {
    # Sections are '## NAME'; inside PARAMETERS, EXAMPLES, INPUTS and OUTPUTS, items are '### title'.
    $page = @{ Sections = @{}; Items = @{} }
    $section = $null; $item = $null; $inFence = $false
    foreach ($line in Get-Content -LiteralPath $Path) {
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^## (.+)$') {
            $section = $Matches[1].Trim(); $item = $null
            $page.Sections[$section] = [System.Collections.Generic.List[string]]::new()
            $page.Items[$section] = [ordered]@{}
            continue
        }
        if (-not $inFence -and $section -and $line -match '^### (.+)$') {
            $item = $Matches[1].Trim()
            $page.Items[$section][$item] = [System.Collections.Generic.List[string]]::new()
            continue
        }
        if (-not $section) { continue }
        if ($item) { $page.Items[$section][$item].Add($line) } else { $page.Sections[$section].Add($line) }
    }
    $page
}

function Get-Paragraphs([string[]] $Lines) {
    $text = ($Lines -join "`n").Trim()
    if (-not $text) { return @() }
    @($text -split "\n\s*\n" | ForEach-Object { ($_ -replace '\s*\n\s*', ' ').Trim() } | Where-Object { $_ })
}

function Add-Paragraphs([System.Xml.XmlWriter] $W, [string[]] $Paragraphs) {
    foreach ($p in $Paragraphs) { $W.WriteElementString('maml', 'para', $mamlNs, $p) }
}

function Get-TypeName([type] $Type) {
    if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { $Type = $Type.GetGenericArguments()[0] }
    if ($Type -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    $Type.Name
}

function Write-Parameter([System.Xml.XmlWriter] $W, $Parameter, $SetData, [string[]] $Description) {
    $pipeline = @()
    if ($SetData.ValueFromPipeline) { $pipeline += 'ByValue' }
    if ($SetData.ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
    $pipelineText = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
    $globbing = [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $position = if ($SetData.Position -ge 0) { "$($SetData.Position)" } else { 'named' }
    $typeName = Get-TypeName $Parameter.ParameterType
    $W.WriteStartElement('command', 'parameter', $commandNs)
    $W.WriteAttributeString('required', "$($SetData.IsMandatory)".ToLowerInvariant())
    $W.WriteAttributeString('variableLength', 'true')
    $W.WriteAttributeString('globbing', "$globbing".ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $pipelineText)
    $W.WriteAttributeString('position', $position)
    $W.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('maml', 'name', $mamlNs, $Parameter.Name)
    $W.WriteStartElement('maml', 'description', $mamlNs); Add-Paragraphs $W $Description; $W.WriteEndElement()
    if ($typeName -ne 'SwitchParameter') {
        $W.WriteStartElement('command', 'parameterValue', $commandNs)
        $W.WriteAttributeString('required', 'true'); $W.WriteAttributeString('variableLength', 'false')
        $W.WriteString($typeName); $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $devNs); $W.WriteElementString('maml', 'name', $mamlNs, $typeName); $W.WriteEndElement()
    $W.WriteEndElement()
}

$commands = Get-Command -Module $ModuleName -CommandType Cmdlet | Sort-Object Name
$problems = [System.Collections.Generic.List[string]]::new()
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$null = New-Item -ItemType Directory -Force -Path (Split-Path $OutputFile)
$w = [System.Xml.XmlWriter]::Create($OutputFile, $settings)
$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')
foreach ($command in $commands) {
    $mdPath = Join-Path $MarkdownFolder "$($command.Name).md"
    if (-not (Test-Path -LiteralPath $mdPath)) { $problems.Add("$($command.Name): no help page $mdPath"); continue }
    $page = Read-HelpMarkdown $mdPath
    $synopsis = Get-Paragraphs $page.Sections['SYNOPSIS']
    $description = Get-Paragraphs $page.Sections['DESCRIPTION']
    if (-not $synopsis) { $problems.Add("$($command.Name): empty SYNOPSIS") }
    if (-not $description) { $problems.Add("$($command.Name): empty DESCRIPTION") }
    $examples = $page.Items['EXAMPLES']
    if (-not $examples -or $examples.Count -eq 0) { $problems.Add("$($command.Name): no example") }
    $parameters = @($command.Parameters.Values | Where-Object { $_.Name -notin $common } | Sort-Object Name)
    $paramDocs = if ($page.Items['PARAMETERS']) { $page.Items['PARAMETERS'] } else { @{} }
    $descriptions = @{}
    foreach ($p in $parameters) {
        $doc = $paramDocs["-$($p.Name)"]
        $paras = if ($doc) { Get-Paragraphs $doc } else { @() }
        if (-not $paras) { $problems.Add("$($command.Name): parameter -$($p.Name) has no description") }
        $descriptions[$p.Name] = $paras
    }
    foreach ($documented in $paramDocs.Keys) {
        if ($documented.TrimStart('-') -notin $parameters.Name) { $problems.Add("$($command.Name): documents $documented, which does not exist") }
    }

    $w.WriteStartElement('command', 'command', $commandNs)
    $w.WriteAttributeString('xmlns', 'maml', [NullString]::Value, $mamlNs)
    $w.WriteAttributeString('xmlns', 'dev', [NullString]::Value, $devNs)
    $w.WriteStartElement('command', 'details', $commandNs)
    $w.WriteElementString('command', 'name', $commandNs, $command.Name)
    $w.WriteElementString('command', 'verb', $commandNs, $command.Verb)
    $w.WriteElementString('command', 'noun', $commandNs, $command.Noun)
    $w.WriteStartElement('maml', 'description', $mamlNs); Add-Paragraphs $w $synopsis; $w.WriteEndElement()
    $w.WriteEndElement()
    $w.WriteStartElement('maml', 'description', $mamlNs); Add-Paragraphs $w $description; $w.WriteEndElement()

    $w.WriteStartElement('command', 'syntax', $commandNs)
    foreach ($set in $command.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $commandNs)
        $w.WriteElementString('maml', 'name', $mamlNs, $command.Name)
        foreach ($sp in $set.Parameters | Where-Object { $_.Name -notin $common } | Sort-Object { if ($_.Position -ge 0) { $_.Position } else { 1000 } }, Name) {
            $meta = $command.Parameters[$sp.Name]
            Write-Parameter $w $meta $sp $descriptions[$sp.Name]
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $commandNs)
    foreach ($p in $parameters) {
        $firstSet = $p.ParameterSets.Values | Select-Object -First 1
        $setData = [pscustomobject]@{
            IsMandatory = [bool]($p.ParameterSets.Values | Where-Object IsMandatory)
            Position = $firstSet.Position
            ValueFromPipeline = [bool]($p.ParameterSets.Values | Where-Object ValueFromPipeline)
            ValueFromPipelineByPropertyName = [bool]($p.ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName)
        }
        Write-Parameter $w $p $setData $descriptions[$p.Name]
    }
    $w.WriteEndElement()

    foreach ($kind in @(@('INPUTS', 'inputTypes', 'inputType'), @('OUTPUTS', 'returnValues', 'returnValue'))) {
        $w.WriteStartElement('command', $kind[1], $commandNs)
        $items = $page.Items[$kind[0]]
        if ($items) {
            foreach ($name in $items.Keys) {
                $w.WriteStartElement('command', $kind[2], $commandNs)
                $w.WriteStartElement('dev', 'type', $devNs); $w.WriteElementString('maml', 'name', $mamlNs, $name); $w.WriteEndElement()
                $w.WriteStartElement('maml', 'description', $mamlNs); Add-Paragraphs $w (Get-Paragraphs $items[$name]); $w.WriteEndElement()
                $w.WriteEndElement()
            }
        }
        $w.WriteEndElement()
    }

    $notes = Get-Paragraphs $page.Sections['NOTES']
    if ($notes) {
        $w.WriteStartElement('maml', 'alertSet', $mamlNs); $w.WriteStartElement('maml', 'alert', $mamlNs)
        Add-Paragraphs $w $notes
        $w.WriteEndElement(); $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'examples', $commandNs)
    $n = 0
    foreach ($title in $examples.Keys) {
        $n++
        $lines = $examples[$title]
        $code = [System.Collections.Generic.List[string]]::new(); $remarks = [System.Collections.Generic.List[string]]::new()
        $inCode = $false; $seenCode = $false
        foreach ($line in $lines) {
            if ($line -match '^```') { $inCode = -not $inCode; $seenCode = $true; continue }
            if ($inCode) { $code.Add($line) } elseif ($seenCode) { $remarks.Add($line) }
        }
        if (-not $code.Count) { $problems.Add("$($command.Name): example '$title' has no code") }
        $w.WriteStartElement('command', 'example', $commandNs)
        $w.WriteElementString('maml', 'title', $mamlNs, "-------------------------- $title --------------------------")
        $w.WriteElementString('dev', 'code', $devNs, ($code -join "`n"))
        $w.WriteStartElement('dev', 'remarks', $devNs); Add-Paragraphs $w (Get-Paragraphs $remarks); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $commandNs)
    foreach ($line in $page.Sections['RELATED LINKS']) {
        if ($line -match '^\s*[-*]\s*(.+)$') {
            $w.WriteStartElement('maml', 'navigationLink', $mamlNs)
            $w.WriteElementString('maml', 'linkText', $mamlNs, $Matches[1].Trim())
            $w.WriteElementString('maml', 'uri', $mamlNs, '')
            $w.WriteEndElement()
        }
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Dispose()

foreach ($page in Get-ChildItem -LiteralPath $MarkdownFolder -Filter '*-*.md') {
    if ($page.BaseName -notin $commands.Name) { $problems.Add("$($page.Name): no cmdlet of that name is exported") }
}
if ($problems.Count) {
    throw "Help is incomplete:`n  $($problems -join "`n  ")"
}
Write-Verbose "Wrote help for $($commands.Count) cmdlets to $OutputFile"
