using Shipyard.Benchmarks.Reliability;
using Shipyard.Engine;

namespace Shipyard.Delivery.Tests.Reliability;

public sealed class ReliabilityKindsTests
{
    [Fact]
    public void NoKindNamedMeansAllInTheReportsOrder()
    {
        ReliabilityKinds.Select([], "--reliability").ShouldBe(["concurrency", "faults", "bad-input", "secrets"]);
    }

    [Fact]
    public void KindsRepeatedOrCommaSeparatedInAnyCaseComeInTheReportsOrderOnce()
    {
        ReliabilityKinds.Select(["Secrets,faults", "secrets", " bad-input "], "--reliability").ShouldBe(["faults", "bad-input", "secrets"]);
    }

    [Fact]
    public void AnUnknownKindIsAUsageErrorListingTheKinds()
    {
        Should.Throw<UsageException>(() => ReliabilityKinds.Select(["fault"], "--reliability"))
            .Message.ShouldBe("--reliability does not accept 'fault'. Allowed: concurrency, faults, bad-input, secrets");
    }
}
