using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SimpleSystemsManagement;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Ssm;
using Shipyard.Delivery.Tests.Catalog;
using Shipyard.Delivery.Tests.Fakes;

namespace Shipyard.Delivery.Tests.Ssm;

/// <summary>
/// One test's AWS: EC2 and S3 on the real moto server, SSM on moto or on <see cref="FakeSsmApi"/>, all through the
/// real AWSSDK clients with fake credentials; a K3s master instance running; the deployer on fast polling.
/// </summary>
internal sealed class SsmWorld
{
    public const string Region = "us-east-1";
    public const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly BasicAWSCredentials Credentials = new("testing", "testing");

    private SsmWorld(AwsClients clients, SsmSettings settings, string instanceId)
    {
        Clients = clients;
        Settings = settings;
        InstanceId = instanceId;
    }

    public AwsClients Clients { get; }

    public SsmSettings Settings { get; }

    public string InstanceId { get; }

    public IAmazonS3 S3 => Clients.S3;

    public StringWriter Log { get; } = new();

    public static async Task<SsmWorld> StartAsync(MotoFixture moto, FakeSsmApi? fakeSsm, CancellationToken ct, TimeSpan? deadline = null, TimeSpan? grace = null)
    {
        await moto.ResetAsync(ct);
        var settings = SsmSettings.Create(Region, RepositoryRoot.Path, endpointUrl: moto.Endpoint, credentials: Credentials,
            pollInitialInterval: TimeSpan.FromMilliseconds(10), pollMaxInterval: TimeSpan.FromMilliseconds(40),
            deadline: deadline ?? TimeSpan.FromSeconds(60), hostCommandDeadline: TimeSpan.FromSeconds(30),
            invocationGrace: grace ?? TimeSpan.FromSeconds(20), sweepAge: TimeSpan.FromHours(2));
        var ssm = fakeSsm is null
            ? new AmazonSimpleSystemsManagementClient(Credentials, Config(new AmazonSimpleSystemsManagementConfig(), moto.Endpoint))
            : new AmazonSimpleSystemsManagementClient(Credentials, Config(new AmazonSimpleSystemsManagementConfig(), fakeSsm.Url));
        var clients = new AwsClients(
            new AmazonEC2Client(Credentials, Config(new AmazonEC2Config(), moto.Endpoint)),
            new AmazonS3Client(Credentials, Config(new AmazonS3Config { ForcePathStyle = true }, moto.Endpoint)),
            ssm);
        var instanceId = await RunInstanceAsync(clients.Ec2, "staging-k3s-master", ct);
        return new SsmWorld(clients, settings, instanceId);
    }

    public static async Task<string> RunInstanceAsync(IAmazonEC2 ec2, string name, CancellationToken ct)
    {
        var run = await ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = "ami-12c6146b",
            MinCount = 1,
            MaxCount = 1,
            InstanceType = InstanceType.T3Micro,
            TagSpecifications = [new TagSpecification { ResourceType = Amazon.EC2.ResourceType.Instance, Tags = [new Tag("Name", name)] }],
        }, ct);
        return run.Reservation.Instances[0].InstanceId;
    }

    public ISsmDeployer Deployer(SsmHooks? hooks = null, SsmSettings? settings = null, TimeProvider? time = null) =>
        SsmDeployers.Create(settings ?? Settings, Clients, TextWriter.Synchronized(Log), time ?? TimeProvider.System, new ProcessRunner(TextWriter.Null, s => s), hooks);

    public static SsmDeployRequest Request(string service = "todo-api", string tag = "abc1234", string ns = "todo") => new()
    {
        Service = service,
        Namespace = ns,
        WorkloadName = "todo-api",
        Container = "todo-api",
        Image = new Shipyard.Delivery.Images.ImageReference("127.0.0.1:5000", "todo-api", tag, Digest),
        KustomizeDirectory = Path.Combine(RepositoryRoot.Path, "deploy/applications/todo-api"),
        KustomizeImageName = "todo-api",
        SourceCommit = "0123456789abcdef0123456789abcdef01234567",
        CiRun = "4242",
        RolloutTimeout = TimeSpan.FromSeconds(30),
    };

    public async Task<List<string>> BucketNamesAsync(CancellationToken ct) =>
        [.. ((await S3.ListBucketsAsync(ct)).Buckets ?? []).Select(b => b.BucketName)];

    private static T Config<T>(T config, Uri endpoint) where T : ClientConfig
    {
        config.ServiceURL = endpoint.ToString();
        config.AuthenticationRegion = Region;
        return config;
    }
}
