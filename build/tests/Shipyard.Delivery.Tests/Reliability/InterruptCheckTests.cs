using Shipyard.Benchmarks.Reliability;

namespace Shipyard.Delivery.Tests.Reliability;

/// <summary>A run started with SIGINT ignored (a background job of a shell without job control) is told before its SIGINT tests fail.</summary>
public sealed class InterruptCheckTests
{
    [Theory]
    [InlineData("SigIgn:\t0000000000000000", false)]
    [InlineData("SigIgn:\t0000000000000002", true)] // SIGINT (2) is bit 1
    [InlineData("SigIgn:\t0000000000000006", true)] // SIGINT and SIGQUIT, as `cmd &` leaves them
    [InlineData("SigIgn:\t0000000000001000", false)] // SIGPIPE only
    [InlineData("Name:\tdotnet", false)]
    public void TheSigIgnMaskSaysWhetherSigintIsIgnored(string line, bool ignored)
    {
        InterruptCheck.IgnoresSigint($"Name:\tdotnet\nState:\tS (sleeping)\n{line}\nSigCgt:\t0000000000004a02\n").ShouldBe(ignored);
    }
}
