#!/usr/bin/env pwsh
# Bootstrap of the build, NUKE style (mirror of build.sh): makes sure the pinned .NET SDK is there, compiles
# build/_build when its sources changed, and runs it with the given arguments. Unchanged sources skip MSBuild.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$RootDir = $PSScriptRoot
$TempDir = Join-Path $RootDir '.nuke/temp'
$BuildProject = Join-Path $RootDir 'build/_build/_build.csproj'
$BinDir = Join-Path $RootDir 'build/_build/bin/Debug/net10.0'
$BuildExe = if ($IsWindows -or $env:OS -eq 'Windows_NT') { Join-Path $BinDir '_build.exe' } else { Join-Path $BinDir '_build' }
$StampFile = Join-Path $TempDir 'build.stamp'
$LocalDotnetDir = Join-Path $TempDir 'dotnet'

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
$env:DOTNET_MULTILEVEL_LOOKUP = '0'

if (Test-Path (Join-Path $LocalDotnetDir 'dotnet*')) {
    $env:DOTNET_ROOT = $LocalDotnetDir
    $env:PATH = $LocalDotnetDir + [IO.Path]::PathSeparator + $env:PATH
}

# Paths, sizes and modification times of every build source: any edit, addition or removal changes it.
function Get-Fingerprint {
    $dirs = 'build/_build', 'build/Shipyard.Engine', 'build/Shipyard.Delivery', 'build/Shipyard.Benchmarks', 'build/tests/Shipyard.Testing' | ForEach-Object { Join-Path $RootDir $_ }
    $entries = Get-ChildItem -Path $dirs -Recurse -Force |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)([\\/]|$)' }
    $entries += Get-ChildItem -Path $RootDir -File -Force | Where-Object { $_.Name -eq 'global.json' -or $_.Name -like 'Directory.*.props' }
    $text = ($entries | Sort-Object FullName | ForEach-Object {
        $size = if ($_.PSIsContainer) { 0 } else { $_.Length }
        "$($_.FullName.Substring($RootDir.Length)) $($_.LastWriteTimeUtc.Ticks) $size"
    }) -join "`n"
    $sha = [Security.Cryptography.SHA256]::Create()
    [BitConverter]::ToString($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes($text))).Replace('-', '')
}

# global.json pins "version" with rollForward latestFeature: same major.minor, same or later feature band.
function Test-CompatibleSdk([string] $Wanted) {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) { return $false }
    $w = $Wanted.Split('-')[0].Split('.')
    foreach ($line in (& dotnet --list-sdks 2>$null)) {
        $v = ($line -split ' ')[0].Split('-')[0].Split('.')
        if ($v[0] -ne $w[0] -or $v[1] -ne $w[1]) { continue }
        $band = [math]::Floor([int]$v[2] / 100); $wantedBand = [math]::Floor([int]$w[2] / 100)
        if ($band -gt $wantedBand -or ($band -eq $wantedBand -and [int]$v[2] -ge [int]$w[2])) { return $true }
    }
    return $false
}

function Initialize-Sdk {
    $version = (Get-Content (Join-Path $RootDir 'global.json') -Raw | ConvertFrom-Json).sdk.version
    if (Test-CompatibleSdk $version) { return }
    Write-Host "Installing .NET SDK $version into .nuke/temp/dotnet ..."
    New-Item -ItemType Directory -Force -Path $TempDir | Out-Null
    try {
        $installer = Join-Path $TempDir 'dotnet-install.ps1'
        Invoke-WebRequest -UseBasicParsing -TimeoutSec 30 -Uri 'https://dot.net/v1/dotnet-install.ps1' -OutFile $installer
        & $installer -Version $version -InstallDir $LocalDotnetDir -NoPath | Out-Null
    }
    catch {
        [Console]::Error.WriteLine("error: .NET SDK $version (or a later feature band of it) is not installed and could not be downloaded (offline?); install it from https://dotnet.microsoft.com/download and retry.")
        exit 1
    }
    $env:DOTNET_ROOT = $LocalDotnetDir
    $env:PATH = $LocalDotnetDir + [IO.Path]::PathSeparator + $env:PATH
}

$current = Get-Fingerprint
if ((Test-Path $BuildExe) -and (Test-Path $StampFile) -and ((Get-Content $StampFile -Raw).Trim() -eq $current)) {
    & $BuildExe @args
    exit $LASTEXITCODE
}

Initialize-Sdk
Write-Host 'Compiling the build...'
New-Item -ItemType Directory -Force -Path $TempDir | Out-Null
$log = & dotnet build $BuildProject -nologo -v quiet '-clp:ErrorsOnly;NoSummary' 2>&1
if ($LASTEXITCODE -ne 0) {
    $log | ForEach-Object { [Console]::Error.WriteLine($_) }
    Remove-Item -Force -ErrorAction SilentlyContinue $StampFile
    exit 1
}
Set-Content -Path $StampFile -Value $current -NoNewline
& $BuildExe @args
exit $LASTEXITCODE
