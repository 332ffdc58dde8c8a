using System.Text.RegularExpressions;

namespace Shipyard.Delivery.Testing;

/// <summary>
/// Reads test counts and failed test names from the console output of the common runners, so the Test target
/// works for any language without asking for report files: Microsoft.Testing.Platform (<c>dotnet test</c>
/// with xunit.v3, NUnit, MSTest), VSTest, <c>go test -v</c>, pytest, and any tool printing the plain
/// <c>N passed, N failed</c> line. Several summaries in one output (e.g. <c>a &amp;&amp; b</c>) add up.
/// </summary>
public static partial class TestOutputParser
{
    /// <summary>Parses <paramref name="output"/> (stdout and stderr together).</summary>
    public static TestCounts Parse(string output)
    {
        int passed = 0, failed = 0, skipped = 0;
        var counted = false;
        var inMtpSummary = false;
        var failedTests = new List<string>();

        foreach (var raw in output.Split('\n'))
        {
            var line = Ansi().Replace(raw, "").TrimEnd('\r');
            if (line.StartsWith("Test run summary:", StringComparison.Ordinal)) { inMtpSummary = counted = true; continue; }
            if (inMtpSummary && MtpCount().Match(line) is { Success: true } c)
            {
                var n = int.Parse(c.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
                switch (c.Groups["kind"].Value)
                {
                    case "failed": failed += n; break;
                    case "succeeded": passed += n; break;
                    case "skipped": skipped += n; break;
                }
                continue;
            }
            // A solution run lists each assembly (indented) between the summary header and the counts.
            inMtpSummary = inMtpSummary && (line.Length == 0 || char.IsWhiteSpace(line[0]));

            if (MtpFailed().Match(line) is { Success: true } mf) failedTests.Add(mf.Groups["name"].Value);
            else if (VsTestFailed().Match(line) is { Success: true } vf) failedTests.Add(vf.Groups["name"].Value);
            else if (GoResult().Match(line) is { Success: true } g)
            {
                counted = true;
                switch (g.Groups["kind"].Value)
                {
                    case "FAIL": failed++; failedTests.Add(g.Groups["name"].Value); break;
                    case "PASS": passed++; break;
                    default: skipped++; break;
                }
            }
            else if (PytestFailed().Match(line) is { Success: true } pf) failedTests.Add(pf.Groups["name"].Value);
            else if (PytestSummary().Match(line) is { Success: true } ps)
            {
                counted = true;
                foreach (Match part in PytestPart().Matches(ps.Groups["parts"].Value))
                {
                    var n = int.Parse(part.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    switch (part.Groups["kind"].Value)
                    {
                        case "passed": passed += n; break;
                        case "failed" or "error" or "errors": failed += n; break;
                        case "skipped": skipped += n; break;
                    }
                }
            }
            else if (VsTestSummary().Match(line) is { Success: true } vs)
            {
                counted = true;
                failed += Int(vs, "failed");
                passed += Int(vs, "passed");
                skipped += Int(vs, "skipped");
            }
            else if (Plain().Match(line) is { Success: true } p)
            {
                counted = true;
                passed += Int(p, "passed");
                failed += Int(p, "failed");
                skipped += p.Groups["skipped"].Success ? Int(p, "skipped") : 0;
            }
        }
        return new TestCounts(passed, failed, skipped, counted, [.. failedTests.Distinct()]);
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("\u001b\\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"^\s+(?<kind>total|failed|succeeded|skipped): (?<n>\d+)\s*$")]
    private static partial Regex MtpCount();

    // "failed Namespace.Class.Method(x: 1) (104ms)": the duration is "(1m 2s 3ms)"-shaped.
    [GeneratedRegex(@"^failed (?<name>.+?) \((?:\d+(?:ms|s|m|h)\s?)+\)\s*$")]
    private static partial Regex MtpFailed();

    [GeneratedRegex(@"^\s+Failed (?<name>\S.*?) \[[^\]]*\]\s*$")]
    private static partial Regex VsTestFailed();

    [GeneratedRegex(@"^(?:Failed|Passed)!\s+-\s+Failed:\s+(?<failed>\d+), Passed:\s+(?<passed>\d+), Skipped:\s+(?<skipped>\d+)")]
    private static partial Regex VsTestSummary();

    [GeneratedRegex(@"^\s*--- (?<kind>PASS|FAIL|SKIP): (?<name>\S+) \(")]
    private static partial Regex GoResult();

    [GeneratedRegex(@"^(?:FAILED|ERROR) (?<name>\S+::\S+)")]
    private static partial Regex PytestFailed();

    [GeneratedRegex(@"^=+ (?<parts>(?:\d+ (?:passed|failed|skipped|errors?|deselected|xfailed|xpassed|warnings?)(?:, )?)+) in [\d.]+s.*=+$")]
    private static partial Regex PytestSummary();

    [GeneratedRegex(@"(?<n>\d+) (?<kind>passed|failed|skipped|errors?)")]
    private static partial Regex PytestPart();

    [GeneratedRegex(@"^(?:\w+:\s*)?(?<passed>\d+) passed, (?<failed>\d+) failed(?:, (?<skipped>\d+) skipped)?\s*$")]
    private static partial Regex Plain();
}
