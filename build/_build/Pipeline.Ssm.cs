using Shipyard.Delivery.Catalog;
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
            var settings = SsmSettings.Create(SsmRegion(service), RootDirectory,
                endpointUrl: AwsEndpoint(),
                instanceFilter: host.InstanceFilter ?? SsmSettings.DefaultInstanceFilter,
                bucketPrefix: host.BucketPrefix ?? SsmSettings.DefaultBucketPrefix,
                scriptPath: host.Script ?? SsmSettings.DefaultScriptPath,
                deadline: SsmTimeout,
                credentials: AwsCredentialsOfEnvironment());
            return _ssmDeployers[service.Name] = SsmDeployers.Create(settings, log, Time, ToolRunner(log));
        }
    }

    // A malformed URL is bad input (one line, exit 2), not a UriFormatException's stack trace.
    Uri? AwsEndpoint() =>
        string.IsNullOrWhiteSpace(AwsEndpointUrl) ? null
            : Uri.TryCreate(AwsEndpointUrl, UriKind.Absolute, out var url) ? url
            : throw new UsageException($"--aws-endpoint-url '{AwsEndpointUrl.ReplaceLineEndings(" ")}' is not an absolute http or https URL");

    string SsmRegion(CatalogService service) =>
        service.Ssm.Region ?? AwsRegion ?? Environment.GetValueOrDefault("AWS_DEFAULT_REGION")
            ?? throw new UsageException($"{service.Name} deploys through SSM but no AWS region is set: give deploy.ssm.region in its service.yaml, or --aws-region");

    /// <summary>What <c>--plan</c> shows under Deploy, Verify and Rollback for the SSM services of the run.</summary>
    protected override IReadOnlyList<string> PlanDetails(string target)
    {
        // --plan runs nothing, so no change detection either: without --service, every SSM service that may deploy.
        var ssm = SelectedServices.Where(s => s.Strategy == DeployStrategy.Ssm).ToList();
        return target switch
        {
            nameof(Deploy) => [.. ssm.SelectMany(s => (IEnumerable<string>)
            [
                $"{s.Name}: SSM in {SsmRegion(s)}, on the running instance tagged {s.Ssm.InstanceFilter ?? SsmSettings.DefaultInstanceFilter}",
                $"  1. sweep buckets {s.Ssm.BucketPrefix ?? SsmSettings.DefaultBucketPrefix}-* that killed runs left behind",
                $"  2. render {Path.GetDirectoryName(s.Manifest.Path)} with the image (kubectl kustomize) into manifests.tar.gz",
                $"  3. create bucket {s.Ssm.BucketPrefix ?? SsmSettings.DefaultBucketPrefix}-<time>-<random>: public access blocked, AES256, tagged, expires after 1 day",
                $"  4. upload manifests.tar.gz and {s.Ssm.Script ?? SsmSettings.DefaultScriptPath}",
                $"  5. SendCommand AWS-RunShellScript: the script with validated, quoted arguments; output to the bucket",
                $"  6. poll GetCommandInvocation with backoff until it ends (deadline {SsmTimeout})",
                $"  7. delete the bucket and its objects (also on failure, timeout and Ctrl-C)",
            ])],
            nameof(Verify) => [.. ssm.Select(s => $"{s.Name}: kubectl get -o json on the host through SSM every {SsmVerifyInterval.TotalSeconds:0} s, the rollout verdict (timeout {VerifyTimeout})")],
            nameof(Rollback) when !NoRollback => [.. ssm.Select(s => $"{s.Name}, if its deploy does not verify: kubectl rollout undo on the host through SSM while the failed image is live, then verify the previous revision")],
            _ => [],
        };
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
