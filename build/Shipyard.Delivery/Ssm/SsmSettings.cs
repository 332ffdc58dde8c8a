using Amazon.Runtime;
using Shipyard.Engine;

namespace Shipyard.Delivery.Ssm;

/// <summary>
/// Where and how the SSM deploy runs: the AWS region and endpoint, which instance, the temporary bucket, the script
/// and the clock of the polling. Build it with <see cref="Create"/>, which refuses bad values with one line.
/// </summary>
public sealed record SsmSettings
{
    /// <summary>Default instance tag filter: seed 004's K3s master.</summary>
    public const string DefaultInstanceFilter = "Name=*k3s-master*";

    /// <summary>Default name prefix of the temporary buckets.</summary>
    public const string DefaultBucketPrefix = "k3s-deploy";

    /// <summary>Default script, relative to the repository root.</summary>
    public const string DefaultScriptPath = "deploy/ssm/deploy.sh";

    private SsmSettings() { }

    /// <summary>AWS region, e.g. <c>eu-west-1</c>.</summary>
    public string Region { get; private init; } = "";

    /// <summary>One endpoint for EC2, S3 and SSM (LocalStack, moto), or null for AWS itself.</summary>
    public Uri? EndpointUrl { get; private init; }

    /// <summary>Credentials to use instead of the SDK's chain (shared profile, web identity), e.g. the keys of the run's environment.</summary>
    public AWSCredentials? Credentials { get; private init; }

    /// <summary>Tag key of the instance filter (<c>Name</c> of <c>Name=*k3s-master*</c>).</summary>
    public string InstanceTagKey { get; private init; } = "Name";

    /// <summary>Tag value pattern of the instance filter (<c>*</c> and <c>?</c> are EC2 wildcards).</summary>
    public string InstanceTagValue { get; private init; } = "*k3s-master*";

    /// <summary>The filter as written, <c>Key=Value</c>, for messages.</summary>
    public string InstanceFilter => $"{InstanceTagKey}={InstanceTagValue}";

    /// <summary>Fail when several running instances match, instead of picking the oldest.</summary>
    public bool RequireExactlyOneInstance { get; private init; }

    /// <summary>Prefix of the temporary bucket names; also what the sweep looks for.</summary>
    public string BucketPrefix { get; private init; } = DefaultBucketPrefix;

    /// <summary>Absolute path of the script uploaded to the host.</summary>
    public string ScriptPath { get; private init; } = "";

    /// <summary>First wait between two GetCommandInvocation calls.</summary>
    public TimeSpan PollInitialInterval { get; private init; }

    /// <summary>Factor the wait grows by after each poll.</summary>
    public double PollBackoff { get; private init; }

    /// <summary>Longest wait between two polls.</summary>
    public TimeSpan PollMaxInterval { get; private init; }

    /// <summary>How long a deploy command may take from SendCommand to its end, host's rollout wait included.</summary>
    public TimeSpan Deadline { get; private init; }

    /// <summary>How long a small host command (cluster read, rollback) may take.</summary>
    public TimeSpan HostCommandDeadline { get; private init; }

    /// <summary>How long InvocationDoesNotExist right after SendCommand counts as pending.</summary>
    public TimeSpan InvocationGrace { get; private init; }

    /// <summary>Buckets of this tool older than this are swept; longer than <see cref="Deadline"/> so a running deploy keeps its bucket.</summary>
    public TimeSpan SweepAge { get; private init; }

    /// <summary>Validates every value; a bad one is a one-line <see cref="UsageException"/> naming the setting.</summary>
    /// <param name="region">AWS region (required).</param>
    /// <param name="repositoryRoot">Root that a relative <paramref name="scriptPath"/> is resolved against.</param>
    /// <param name="endpointUrl">Endpoint override (http/https), or null.</param>
    /// <param name="instanceFilter"><c>TagKey=ValuePattern</c>.</param>
    /// <param name="requireExactlyOneInstance">Fail on several matches.</param>
    /// <param name="bucketPrefix">Lowercase letters, digits and '-', at most 41 characters.</param>
    /// <param name="scriptPath">The deploy script; must exist.</param>
    /// <param name="pollInitialInterval">Default 2 s.</param>
    /// <param name="pollBackoff">Default 1.5 (at least 1).</param>
    /// <param name="pollMaxInterval">Default 15 s.</param>
    /// <param name="deadline">Default 15 min.</param>
    /// <param name="hostCommandDeadline">Default 2 min.</param>
    /// <param name="invocationGrace">Default 30 s.</param>
    /// <param name="sweepAge">Default 3 h; must exceed the deadline.</param>
    /// <param name="credentials">Explicit credentials (tests); null = the SDK's credential chain.</param>
    public static SsmSettings Create(
        string region, string repositoryRoot, Uri? endpointUrl = null, string instanceFilter = DefaultInstanceFilter,
        bool requireExactlyOneInstance = false, string bucketPrefix = DefaultBucketPrefix, string scriptPath = DefaultScriptPath,
        TimeSpan? pollInitialInterval = null, double pollBackoff = 1.5, TimeSpan? pollMaxInterval = null, TimeSpan? deadline = null,
        TimeSpan? hostCommandDeadline = null, TimeSpan? invocationGrace = null, TimeSpan? sweepAge = null, AWSCredentials? credentials = null)
    {
        if (!SsmGrammar.IsRegion(region))
            throw new UsageException($"AWS region '{SsmGrammar.Escape(region)}' is not a region name such as eu-west-1");
        if (endpointUrl is not null && (!endpointUrl.IsAbsoluteUri || endpointUrl.Scheme is not ("http" or "https")))
            throw new UsageException($"AWS endpoint URL '{SsmGrammar.Escape(endpointUrl.OriginalString)}' must be an absolute http or https URL");
        var (key, value) = ParseFilter(instanceFilter);
        if (!SsmGrammar.IsBucketPrefix(bucketPrefix))
            throw new UsageException($"SSM bucket prefix '{SsmGrammar.Escape(bucketPrefix)}' must be lowercase letters, digits and '-', start with a letter or digit, at most 41 characters");
        var script = Path.GetFullPath(Path.Combine(repositoryRoot, scriptPath));
        if (!File.Exists(script))
            throw new UsageException($"SSM deploy script '{SsmGrammar.Escape(scriptPath)}' does not exist under {repositoryRoot}");

        var settings = new SsmSettings
        {
            Region = region,
            EndpointUrl = endpointUrl,
            Credentials = credentials,
            InstanceTagKey = key,
            InstanceTagValue = value,
            RequireExactlyOneInstance = requireExactlyOneInstance,
            BucketPrefix = bucketPrefix,
            ScriptPath = script,
            PollInitialInterval = Positive("SSM poll interval", pollInitialInterval ?? TimeSpan.FromSeconds(2)),
            PollBackoff = pollBackoff is >= 1 and <= 10 ? pollBackoff : throw new UsageException($"SSM poll backoff must be between 1 and 10, got {pollBackoff}"),
            PollMaxInterval = Positive("SSM poll maximum interval", pollMaxInterval ?? TimeSpan.FromSeconds(15)),
            Deadline = Positive("SSM deploy deadline", deadline ?? TimeSpan.FromMinutes(15)),
            HostCommandDeadline = Positive("SSM host command deadline", hostCommandDeadline ?? TimeSpan.FromMinutes(2)),
            InvocationGrace = Positive("SSM invocation grace period", invocationGrace ?? TimeSpan.FromSeconds(30)),
            SweepAge = Positive("SSM bucket sweep age", sweepAge ?? TimeSpan.FromHours(3)),
        };
        if (settings.PollMaxInterval < settings.PollInitialInterval)
            throw new UsageException($"SSM poll maximum interval ({settings.PollMaxInterval}) is shorter than the initial interval ({settings.PollInitialInterval})");
        if (settings.SweepAge <= settings.Deadline)
            throw new UsageException($"SSM bucket sweep age ({settings.SweepAge}) must exceed the deploy deadline ({settings.Deadline}), or a running deploy's bucket could be swept");
        return settings;
    }

    private static (string Key, string Value) ParseFilter(string filter)
    {
        var at = filter.IndexOf('=', StringComparison.Ordinal);
        var key = at > 0 ? filter[..at] : "";
        var value = at > 0 ? filter[(at + 1)..] : "";
        if (!SsmGrammar.IsTagText(key) || !SsmGrammar.IsTagText(value))
            throw new UsageException($"SSM instance filter '{SsmGrammar.Escape(filter)}' must be TagKey=ValuePattern, e.g. {DefaultInstanceFilter}");
        return (key, value);
    }

    private static TimeSpan Positive(string name, TimeSpan value) =>
        value > TimeSpan.Zero ? value : throw new UsageException($"{name} must be positive, got {value}");
}
