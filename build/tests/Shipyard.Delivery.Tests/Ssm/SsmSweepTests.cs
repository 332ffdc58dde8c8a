using System.Globalization;
using Amazon.S3.Model;
using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Delivery.Tests.Ssm;

/// <summary>A killed run cannot clean up; the next run sweeps what it left, and nothing that is not ours.</summary>
[Trait("Reliability", "faults")]
public sealed class SsmSweepTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSweepDeletesAStaleBucketOfAKilledRunAndLeavesYoungAndForeignBucketsAlone()
    {
        await using var ssm = await FakeSsmApi.StartAsync();
        var world = await SsmWorld.StartAsync(moto, ssm, Ct);
        var now = DateTimeOffset.UtcNow;
        var stale = await BucketAsync(world, Name(now.AddHours(-3), "kil1ed"), tagged: true, objects: 3);
        var young = await BucketAsync(world, Name(now.AddMinutes(-10), "runn1n"), tagged: true, objects: 1);
        var untagged = await BucketAsync(world, Name(now.AddDays(-2), "f0reig"), tagged: false, objects: 1);
        var foreign = await BucketAsync(world, "team-data-archive", tagged: true, objects: 1);
        var lookalike = await BucketAsync(world, "k3s-deploy-notatimestamp-abcdef", tagged: true, objects: 0);

        var result = await world.Deployer().SweepStaleBucketsAsync(Ct);

        result.Swept.ShouldBe([stale]);
        result.Failed.ShouldBeEmpty();
        (await world.BucketNamesAsync(Ct)).Order().ShouldBe(new[] { young, untagged, foreign, lookalike }.Order());
        world.Log.ToString().ShouldContain($"ssm: swept 1 stale SSM deploy bucket(s): {stale}");
    }

    [Fact]
    public async Task WithNothingStaleTheSweepSaysSo()
    {
        await using var ssm = await FakeSsmApi.StartAsync();
        var world = await SsmWorld.StartAsync(moto, ssm, Ct);

        var result = await world.Deployer().SweepStaleBucketsAsync(Ct);

        result.Swept.ShouldBeEmpty();
        result.Describe().ShouldBe("no stale SSM deploy buckets");
    }

    private static string Name(DateTimeOffset at, string random) =>
        $"k3s-deploy-{at.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}-{random}";

    private static async Task<string> BucketAsync(SsmWorld world, string name, bool tagged, int objects)
    {
        await world.S3.PutBucketAsync(name, Ct);
        if (tagged)
            await world.S3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = name, TagSet = [new Tag { Key = "shipyard", Value = "ssm-deploy" }] }, Ct);
        for (var i = 0; i < objects; i++)
            await world.S3.PutObjectAsync(new PutObjectRequest { BucketName = name, Key = $"output/cmd/i-1/{i}", ContentBody = "x" }, Ct);
        return name;
    }
}
