using Shipyard.Delivery.Deploy;
using Shipyard.Delivery.Ssm;
using Shipyard.Engine;
using CatalogService = Shipyard.Delivery.Catalog.Service;

// The SSM strategy (seed 004: a K3s host reached through AWS SSM): parameters, and the factory Deploy and Verify call.
partial class Pipeline
{
    [Parameter("AWS region of SSM services (a service's deploy.ssm.region wins); default AWS_REGION")]
    readonly string? AwsRegion = null;

    [Parameter("AWS endpoint URL for every AWS call (LocalStack, moto, tests)")]
    readonly string? AwsEndpointUrl = null;

    [Parameter("How long an SSM deploy may take on the host, from SendCommand to its end")]
    readonly TimeSpan SsmTimeout = TimeSpan.FromMinutes(15);

    readonly Dictionary<string, ISsmDeployer> _ssmDeployers = [];

    IDeployStrategy SsmStrategy(CatalogService service, TextWriter log) =>
        SsmDeployers.Strategy(SsmDeployer(service, log), RootDirectory, CiRun?.RunUrl, log);

    /// <summary>The service's SSM host: its catalog settings over the run's (one deployer per service, shared by its stages).</summary>
    ISsmDeployer SsmDeployer(CatalogService service, TextWriter log)
    {
        lock (_ssmDeployers)
        {
            if (_ssmDeployers.TryGetValue(service.Name, out var known)) return known;
            var host = service.Ssm;
            var region = host.Region ?? AwsRegion ?? Environment.GetValueOrDefault("AWS_DEFAULT_REGION")
                ?? throw new UsageException($"{service.Name} deploys through SSM but no AWS region is set: give deploy.ssm.region in its service.yaml, or --aws-region");
            var settings = SsmSettings.Create(region, RootDirectory,
                endpointUrl: string.IsNullOrWhiteSpace(AwsEndpointUrl) ? null : new Uri(AwsEndpointUrl),
                instanceFilter: host.InstanceFilter ?? "Name=*k3s-master*",
                bucketPrefix: host.BucketPrefix ?? "k3s-deploy",
                scriptPath: host.Script ?? "deploy/ssm/deploy.sh",
                deadline: SsmTimeout,
                credentials: AwsCredentialsOfEnvironment());
            return _ssmDeployers[service.Name] = SsmDeployers.Create(settings, log, Time, ToolRunner(log));
        }
    }

    // The run's environment (what configure-aws-credentials exports in CI), not the process's: the SDK's own chain reads
    // process variables, which an in-process run or a caller's overrides would bypass. Without keys: the SDK's chain
    // (shared profile, web identity, instance role).
    Amazon.Runtime.AWSCredentials? AwsCredentialsOfEnvironment()
    {
        var key = Environment.GetValueOrDefault("AWS_ACCESS_KEY_ID");
        var secret = Environment.GetValueOrDefault("AWS_SECRET_ACCESS_KEY");
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret)) return null;
        AddSecret(secret);
        var session = Environment.GetValueOrDefault("AWS_SESSION_TOKEN");
        if (string.IsNullOrEmpty(session)) return new Amazon.Runtime.BasicAWSCredentials(key, secret);
        AddSecret(session);
        return new Amazon.Runtime.SessionAWSCredentials(key, secret, session);
    }
}
