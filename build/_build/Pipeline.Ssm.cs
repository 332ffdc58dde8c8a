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
                deadline: SsmTimeout);
            return _ssmDeployers[service.Name] = SsmDeployers.Create(settings, log, Time, ToolRunner(log));
        }
    }
}
