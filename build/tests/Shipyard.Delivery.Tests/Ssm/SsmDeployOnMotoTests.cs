using System.Formats.Tar;
using System.IO.Compression;
using Amazon.S3.Model;
using Amazon.SimpleSystemsManagement.Model;
using Shipyard.Delivery.Ssm;

namespace Shipyard.Delivery.Tests.Ssm;

/// <summary>The happy path against real moto (EC2, S3, SSM) through the real AWS SDK, checked through the AWS APIs.</summary>
public sealed class SsmDeployOnMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADeployFindsTheHostByTagUploadsToAPrivateBucketSendsQuotedArgumentsAndDeletesTheBucket()
    {
        var world = await SsmWorld.StartAsync(moto, fakeSsm: null, Ct);
        var seen = new Dictionary<string, object>();
        var hooks = new SsmHooks
        {
            AfterUpload = async (bucket, ct) =>
            {
                seen["bucket"] = bucket;
                seen["block"] = (await world.S3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }, ct)).PublicAccessBlockConfiguration;
                seen["sse"] = (await world.S3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket }, ct))
                    .ServerSideEncryptionConfiguration.ServerSideEncryptionRules[0].ServerSideEncryptionByDefault.ServerSideEncryptionAlgorithm.Value;
                seen["tags"] = (await world.S3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }, ct)).TagSet.ToDictionary(t => t.Key, t => t.Value);
                seen["lifecycle"] = (await world.S3.GetLifecycleConfigurationAsync(bucket, ct)).Configuration.Rules[0].Expiration.Days!;
                seen["keys"] = (await world.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }, ct)).S3Objects.Select(o => o.Key).Order().ToList();
                using var bundle = await world.S3.GetObjectAsync(bucket, "manifests.tar.gz", ct);
                seen["manifests"] = await ReadBundleAsync(bundle.ResponseStream, ct);
            },
        };

        var deployment = await world.Deployer(hooks).DeployAsync(SsmWorld.Request(), Ct);

        var bucket = (string)seen["bucket"];
        bucket.ShouldMatch("^k3s-deploy-[0-9]{14}-[a-z0-9]{6}$");
        var block = (PublicAccessBlockConfiguration)seen["block"];
        (block.BlockPublicAcls, block.IgnorePublicAcls, block.BlockPublicPolicy, block.RestrictPublicBuckets).ShouldBe((true, true, true, true));
        seen["sse"].ShouldBe("AES256");
        ((Dictionary<string, string>)seen["tags"]).ShouldBe(new Dictionary<string, string> { ["shipyard"] = "ssm-deploy", ["service"] = "todo-api", ["ci-run"] = "4242" }, ignoreOrder: true);
        seen["lifecycle"].ShouldBe(1);
        ((List<string>)seen["keys"]).ShouldBe(["deploy.sh", "manifests.tar.gz"]);
        ((string)seen["manifests"]).ShouldContain($"image: 127.0.0.1:5000/todo-api:abc1234@{SsmWorld.Digest}");

        deployment.ShouldSatisfyAllConditions(
            () => deployment.InstanceId.ShouldBe(world.InstanceId),
            () => deployment.BucketName.ShouldBe(bucket),
            () => deployment.Status.ShouldBe("Success"),
            () => deployment.Region.ShouldBe("us-east-1"),
            () => deployment.BucketDeleted.ShouldBeTrue());
        var command = (await world.Clients.Ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = deployment.CommandId }, Ct)).Commands.Single();
        command.DocumentName.ShouldBe("AWS-RunShellScript");
        command.InstanceIds.ShouldBe([world.InstanceId]);
        command.OutputS3BucketName.ShouldBe(bucket);
        command.OutputS3KeyPrefix.ShouldBe("output");
        command.Parameters["commands"].ShouldBe([
            "set -eu",
            "work=\"$(mktemp -d)\"",
            "trap 'rm -rf \"$work\"' EXIT",
            $"aws s3 cp --only-show-errors --region 'us-east-1' 's3://{bucket}/deploy.sh' \"$work/deploy.sh\"",
            $"bash \"$work/deploy.sh\" '-a' 's3://{bucket}/manifests.tar.gz' '-r' 'us-east-1' '-n' 'todo' '-k' 'deployment' '-d' 'todo-api' '-c' 'todo-api' '-t' '30s' '-g' '{SsmWorld.Digest}' '-N' 'todo-api' '127.0.0.1:5000/todo-api' 'abc1234'",
        ]);
        command.Parameters["executionTimeout"].ShouldBe(["60"]);
        (await world.BucketNamesAsync(Ct)).ShouldBeEmpty();
        world.Log.ToString().ShouldContain($"ssm: deleted bucket {bucket} (2 object(s))");
    }

    [Fact]
    public async Task TheOldestOfSeveralRunningHostsIsChosenAndNamed()
    {
        var world = await SsmWorld.StartAsync(moto, fakeSsm: null, Ct);
        var second = await SsmWorld.RunInstanceAsync(world.Clients.Ec2, "prod-k3s-master", Ct);
        await SsmWorld.RunInstanceAsync(world.Clients.Ec2, "worker", Ct);

        var target = await world.Deployer().FindInstanceAsync(Ct);

        // The earliest launch wins; moto's launch times have whole seconds, so within one second the id decides.
        var launched = (await world.Clients.Ec2.DescribeInstancesAsync(new() { InstanceIds = [world.InstanceId, second] }, Ct))
            .Reservations.SelectMany(r => r.Instances).ToList();
        launched.Count.ShouldBe(2);
        target.InstanceId.ShouldBe(launched.OrderBy(i => i.LaunchTime).ThenBy(i => i.InstanceId, StringComparer.Ordinal).First().InstanceId);
        target.Matches.ShouldBe(2);
        world.Log.ToString().ShouldContain("2 running instances match Name=*k3s-master*");
    }

    [Fact]
    public async Task SeveralHostsFailWhenExactlyOneIsRequired()
    {
        var world = await SsmWorld.StartAsync(moto, fakeSsm: null, Ct);
        await SsmWorld.RunInstanceAsync(world.Clients.Ec2, "prod-k3s-master", Ct);
        var strict = SsmSettings.Create(SsmWorld.Region, Catalog.RepositoryRoot.Path, moto.Endpoint, requireExactlyOneInstance: true);

        var error = await Should.ThrowAsync<Shipyard.Engine.BuildFailedException>(() => world.Deployer(settings: strict).FindInstanceAsync(Ct));

        error.Message.ShouldContain("2 running instances match tag Name=*k3s-master*");
        error.Message.ShouldContain("exactly one is required");
    }

    [Fact]
    public async Task NoMatchingHostFailsNamingTheFilterAndCreatesNoBucket()
    {
        var world = await SsmWorld.StartAsync(moto, fakeSsm: null, Ct);
        var other = SsmSettings.Create(SsmWorld.Region, Catalog.RepositoryRoot.Path, moto.Endpoint, instanceFilter: "Name=*k3s-edge*");

        var error = await Should.ThrowAsync<Shipyard.Engine.BuildFailedException>(() => world.Deployer(settings: other).DeployAsync(SsmWorld.Request(), Ct));

        error.Message.ShouldBe("SSM deploy: no running EC2 instance in us-east-1 matches tag Name=*k3s-edge*. Start the K3s host, or fix the instance filter.");
        (await world.BucketNamesAsync(Ct)).ShouldBeEmpty();
    }

    private static async Task<string> ReadBundleAsync(Stream stream, CancellationToken ct)
    {
        await using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        var entry = await tar.GetNextEntryAsync(cancellationToken: ct) ?? throw new InvalidOperationException("empty bundle");
        entry.Name.ShouldBe("manifests.yaml");
        using var reader = new StreamReader(entry.DataStream!);
        return await reader.ReadToEndAsync(ct);
    }
}
