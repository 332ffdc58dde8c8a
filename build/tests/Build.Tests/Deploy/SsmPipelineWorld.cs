using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Shipyard.Delivery.Tests.Fakes;
using Shipyard.Delivery.Tests.Infrastructure;

namespace Build.Tests.Deploy;

/// <summary>
/// The sample platform with <c>todo-worker</c> deployed by SSM (<c>deploy.ssm.region: us-east-1</c>), a real registry,
/// EC2 and S3 on a real moto server (a running instance tagged <c>Name=k3s-master</c>), and SSM on
/// <see cref="FakeSsmApi"/> answering for a <see cref="FakeK3sHost"/>. The pipeline gets one AWS endpoint, the fake's,
/// which passes EC2 and S3 through to moto: that is all the run's <c>--aws-endpoint-url</c> can say.
/// </summary>
internal sealed class SsmPipelineWorld : IAsyncDisposable
{
    public const string Service = "todo-worker";
    public const string ServiceYaml = """
        prepare: dotnet publish src -c Release -o .publish
        deploy:
          strategy: ssm
          ssm:
            region: us-east-1
        """;

    private static readonly BasicAWSCredentials Credentials = new("testing", "testing");

    private SsmPipelineWorld(DeployWorld world, FakeSsmApi ssm, IAmazonS3 s3, string instanceId)
    {
        World = world;
        Ssm = ssm;
        S3 = s3;
        InstanceId = instanceId;
        Host = new FakeK3sHost(s3, Service, Service);
        ssm.Run = Host.RunAsync;
    }

    public DeployWorld World { get; }

    public FakeSsmApi Ssm { get; }

    public FakeK3sHost Host { get; }

    /// <summary>S3 on moto, for what the run left behind.</summary>
    public IAmazonS3 S3 { get; }

    public string InstanceId { get; }

    /// <summary>Resets <paramref name="moto"/>, then starts the world; <paramref name="serviceYaml"/> replaces the SSM service's file.</summary>
    public static async Task<SsmPipelineWorld> CreateAsync(Uri moto, string serviceYaml = ServiceYaml)
    {
        using (var http = new HttpClient())
            (await http.PostAsync(new Uri(moto, "/moto-api/reset"), null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var world = await DeployWorld.CreateAsync(root => root.File($"services/{Service}/service.yaml", serviceYaml));
        var ssm = await FakeSsmApi.StartAsync();
        ssm.Upstream = moto;
        var s3 = new AmazonS3Client(Credentials, new AmazonS3Config { ServiceURL = moto.ToString(), AuthenticationRegion = "us-east-1", ForcePathStyle = true });
        using var ec2 = new AmazonEC2Client(Credentials, new AmazonEC2Config { ServiceURL = moto.ToString(), AuthenticationRegion = "us-east-1" });
        var run = await ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = "ami-12c6146b",
            MinCount = 1,
            MaxCount = 1,
            InstanceType = InstanceType.T3Micro,
            TagSpecifications = [new TagSpecification { ResourceType = Amazon.EC2.ResourceType.Instance, Tags = [new Amazon.EC2.Model.Tag("Name", "k3s-master")] }],
        }, TestContext.Current.CancellationToken);
        return new SsmPipelineWorld(world, ssm, s3, run.Reservation.Instances[0].InstanceId);
    }

    /// <summary>The run's environment: fake AWS keys, as configure-aws-credentials would export them.</summary>
    public Dictionary<string, string> Environment() => new(World.Environment())
    {
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing-secret",
    };

    /// <summary>Pushes <paramref name="tags"/> of the SSM service to the registry.</summary>
    public async Task PushAsync(params string[] tags)
    {
        foreach (var tag in tags) await World.Registry.PutImageAsync($"todo/{Service}", tag, seed: tag);
    }

    /// <summary>Deploy of the SSM service at <paramref name="tag"/> (no tests, no image build).</summary>
    public string[] DeployArgs(string tag, params string[] more) =>
        ["Deploy", "--service", Service, "--skip", "Test", "Build", "Push", "--image-tag", tag, .. Common, .. more];

    public string[] Common => [.. World.Common, "--aws-endpoint-url", Ssm.Url.ToString()];

    public Task<Platform.PipelineRun> RunAsync(string[] args, Action<Pipeline>? configure = null, CancellationToken? cancellation = null, TimeProvider? time = null) =>
        Platform.PipelineRun.StartAsync(World.Root, Environment(), configure, cancellation, time, args);

    /// <summary><c>./build.sh</c> of the repository on this world, as its own process, with the run's environment.</summary>
    public System.Diagnostics.Process StartBuildSh(string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(Platform.TempRoot.Repository, "build.sh"), [.. args, "--root", World.Root, "--no-logo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in new[] { "GITHUB_ACTIONS", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "SHIPYARD_NESTED_TEST_RUN" }) start.Environment.Remove(name);
        foreach (var (key, value) in Environment()) start.Environment[key] = value;
        return System.Diagnostics.Process.Start(start)!;
    }

    public async Task<List<string>> BucketsAsync() =>
        [.. ((await S3.ListBucketsAsync(TestContext.Current.CancellationToken)).Buckets ?? []).Select(b => b.BucketName)];

    /// <summary>A bucket as a killed run leaves it: our name with a timestamp <paramref name="age"/> ago, our tag, an object.</summary>
    public async Task<string> LeaveBucketAsync(TimeSpan age)
    {
        var name = $"k3s-deploy-{DateTime.UtcNow.Subtract(age):yyyyMMddHHmmss}-killed";
        var ct = TestContext.Current.CancellationToken;
        await S3.PutBucketAsync(name, ct);
        await S3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = name, TagSet = [new Amazon.S3.Model.Tag { Key = "shipyard", Value = "ssm-deploy" }] }, ct);
        await S3.PutObjectAsync(new PutObjectRequest { BucketName = name, Key = "manifests.tar.gz", ContentBody = "x" }, ct);
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        await Ssm.DisposeAsync();
        S3.Dispose();
        await World.DisposeAsync();
    }
}
