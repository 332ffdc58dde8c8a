using Amazon.SimpleSystemsManagement.Model;
using Shipyard.Delivery.Processes;
using Shipyard.Engine;

namespace Shipyard.Delivery.Ssm;

/// <summary>
/// Seed 004's pipeline: validate, render, find the host, bucket up, SendCommand, wait, and delete the bucket in a
/// finally (success, failure, deadline, Ctrl-C) with a token nobody can cancel.
/// </summary>
internal sealed class SsmDeployer(SsmSettings settings, AwsClients aws, TextWriter log, TimeProvider time, ProcessRunner runner, SsmHooks hooks) : ISsmDeployer
{
    private const string Document = "AWS-RunShellScript";
    private const int TailLines = 20;
    private readonly DeployBuckets _buckets = new(aws.S3, settings, log, time);
    private readonly SsmCommandPoller _poller = new(aws.Ssm, settings, log, time);

    public Task<SsmTarget> FindInstanceAsync(CancellationToken cancellationToken) =>
        new InstanceFinder(aws.Ec2, settings, log).FindAsync(cancellationToken);

    public Task<SweepResult> SweepStaleBucketsAsync(CancellationToken cancellationToken) =>
        new BucketSweeper(aws.S3, _buckets, settings, log, time).SweepAsync(cancellationToken);

    public async Task<SsmDeployment> DeployAsync(SsmDeployRequest request, CancellationToken cancellationToken)
    {
        var kind = Validate(request);
        var work = Directory.CreateTempSubdirectory("shipyard-ssm-");
        try
        {
            var bundle = await ManifestBundle.CreateAsync(request, runner, work.FullName, cancellationToken);
            var target = await FindInstanceAsync(cancellationToken);
            return await RunInBucketAsync(request, kind, target, bundle, cancellationToken);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    public async Task<SsmCommandResult> RunOnHostAsync(SsmTarget target, IReadOnlyList<string> commandLines, CancellationToken cancellationToken)
    {
        var commandId = await SendAsync(target, commandLines, settings.HostCommandDeadline, "shipyard host command", null, cancellationToken);
        var result = await _poller.WaitAsync(commandId, target.InstanceId, "host command", settings.HostCommandDeadline, cancellationToken);
        await log.WriteLineAsync($"ssm: host command {commandId} on {target.InstanceId} ended {result.Status} after {result.Duration.TotalSeconds:0}s");
        return result;
    }

    private async Task<SsmDeployment> RunInBucketAsync(SsmDeployRequest request, string kind, SsmTarget target, string bundle, CancellationToken ct)
    {
        var bucket = _buckets.NewName();
        var created = false;
        SsmCommandResult? result = null;
        var fullOutput = "";
        var deleted = true;
        try
        {
            await _buckets.CreateAsync(bucket, Tags(request), ct);
            created = true;
            await log.WriteLineAsync($"ssm: created bucket {bucket} (private, AES256, expires after 1 day)");
            await _buckets.UploadAsync(bucket, ManifestBundle.FileName, bundle, ct);
            await _buckets.UploadAsync(bucket, SsmScripts.ScriptKey, settings.ScriptPath, ct);
            if (hooks.AfterUpload is { } hook) await hook(bucket, ct);

            var lines = SsmScripts.Deploy(request, kind, bucket, settings.Region);
            var commandId = await SendAsync(target, lines, settings.Deadline, $"shipyard deploy {request.Service} {request.Image.Tag}", bucket, ct);
            result = await _poller.WaitAsync(commandId, target.InstanceId, $"deploy {request.Service}", settings.Deadline, ct);
            if (!result.Succeeded)
                fullOutput = await ReadOutputAsync(bucket, commandId, ct);
        }
        finally
        {
            // Also after Ctrl-C: the cleanup must not be cancelled by the token that cancelled the work.
            if (created) deleted = await _buckets.DeleteAsync(bucket);
        }

        // Without an exception the command was sent and waited for, so there is a result.
        result = result ?? throw new InvalidOperationException("no command result");
        var deployment = new SsmDeployment(target.InstanceId, result.CommandId, bucket, settings.Region, result.Status, result.Duration, Tail(result), deleted);
        if (result.Succeeded)
        {
            await log.WriteLineAsync($"ssm: deployed {request.Service} {request.Image} on {target.InstanceId} (command {result.CommandId}, {result.Duration.TotalSeconds:0}s)");
            return deployment;
        }
        if (fullOutput.Length > 0) await log.WriteLineAsync($"ssm: full output of command {result.CommandId}:\n{fullOutput.TrimEnd()}");
        throw new SsmCommandFailedException(FailureMessage(request, target, result, deployment.OutputTail), deployment);
    }

    private async Task<string> SendAsync(SsmTarget target, IReadOnlyList<string> lines, TimeSpan deadline, string comment, string? outputBucket, CancellationToken ct)
    {
        var seconds = (int)Math.Ceiling(deadline.TotalSeconds);
        var send = new SendCommandRequest
        {
            DocumentName = Document,
            InstanceIds = [target.InstanceId],
            Comment = comment.Length > 100 ? comment[..100] : comment,
            // TimeoutSeconds is how long SSM may take to deliver; executionTimeout how long the script may run.
            TimeoutSeconds = Math.Clamp(seconds, 30, 2_592_000),
            Parameters = new Dictionary<string, List<string>>
            {
                ["commands"] = [.. lines],
                ["executionTimeout"] = [Math.Clamp(seconds, 1, 172_800).ToString(System.Globalization.CultureInfo.InvariantCulture)],
            },
        };
        if (outputBucket is not null)
        {
            send.OutputS3BucketName = outputBucket;
            send.OutputS3KeyPrefix = SsmScripts.OutputPrefix;
            send.OutputS3Region = settings.Region;
        }
        var response = await aws.Ssm.SendCommandAsync(send, ct);
        var commandId = response.Command?.CommandId
            ?? throw new BuildFailedException($"SSM SendCommand to {target.InstanceId} returned no command id; check the SSM agent on the instance.");
        await log.WriteLineAsync($"ssm: sent {Document} command {commandId} to {target.InstanceId}");
        return commandId;
    }

    private async Task<string> ReadOutputAsync(string bucket, string commandId, CancellationToken ct)
    {
        try
        {
            return await _buckets.ReadAllAsync(bucket, $"{SsmScripts.OutputPrefix}/{commandId}/", ct);
        }
        catch (Amazon.S3.AmazonS3Exception e)
        {
            await log.WriteLineAsync($"ssm: warning: could not read the command output from s3://{bucket}/{SsmScripts.OutputPrefix}/: {e.Message}");
            return "";
        }
    }

    private static string FailureMessage(SsmDeployRequest request, SsmTarget target, SsmCommandResult result, string tail)
    {
        var why = result.Status switch
        {
            SsmStatus.DeadlineExceeded => $"did not finish within the deadline ({result.Duration.TotalSeconds:0}s) and was cancelled",
            SsmStatus.NeverRegistered => "was never registered by the instance's SSM agent (InvocationDoesNotExist past the grace period)",
            _ => $"ended {result.Status} (exit code {result.ResponseCode})",
        };
        var next = result.Status == SsmStatus.NeverRegistered
            ? "Check that the SSM agent runs on the instance and that its role allows SSM."
            : "See the output above; fix the cause and deploy again, or roll back.";
        // One line per fact: the tail is the output, shown as it is.
        return $"SSM deploy of {request.Service} ({request.Image}) on {target.InstanceId}: command {result.CommandId} {why}. {next}"
            + (tail.Length == 0 ? "" : $"\nOutput tail:\n{tail}");
    }

    private static string Tail(SsmCommandResult result)
    {
        var lines = (result.StandardOutput.TrimEnd() + "\n" + result.StandardError.TrimEnd()).Trim('\n').Split('\n');
        return string.Join('\n', lines.TakeLast(TailLines));
    }

    private static Dictionary<string, string> Tags(SsmDeployRequest request) => new()
    {
        ["service"] = request.Service,
        ["ci-run"] = request.CiRun.Length == 0 ? "local" : request.CiRun,
    };

    void ISsmDeployer.Validate(SsmDeployRequest request)
    {
        Validate(request);
        if (!Directory.Exists(request.KustomizeDirectory))
            throw new UsageException($"SSM deploy of {request.Service}: no kustomize folder {request.KustomizeDirectory}");
    }

    private string Validate(SsmDeployRequest request)
    {
        SsmGrammar.Label("service name", request.Service);
        SsmGrammar.Label("namespace", request.Namespace);
        SsmGrammar.Label("workload name", request.WorkloadName);
        SsmGrammar.Label("container name", request.Container);
        if (request.KustomizeImageName is { } imageName && !Catalog.CatalogNames.IsRepository(imageName))
            throw new UsageException($"SSM deploy: kustomize image name '{SsmGrammar.Escape(imageName)}' is not an image name");
        var kind = request.WorkloadKind.ToLowerInvariant();
        if (kind is not ("deployment" or "statefulset" or "daemonset"))
            throw new UsageException($"SSM deploy: workload kind '{SsmGrammar.Escape(request.WorkloadKind)}' is not Deployment, StatefulSet or DaemonSet");
        SsmGrammar.Image(request.Image);
        SsmGrammar.Commit(request.SourceCommit);
        SsmGrammar.CiRun(request.CiRun);
        if (request.RolloutTimeout <= TimeSpan.Zero || request.RolloutTimeout >= settings.Deadline)
            throw new UsageException($"SSM deploy: rollout timeout {request.RolloutTimeout} must be positive and shorter than the deploy deadline {settings.Deadline}");
        return kind;
    }
}
