using System.IO.Compression;
using System.Text;
using Shipyard.Engine;

namespace Shipyard.Delivery.Ssm;

/// <summary>
/// Reads the cluster through the host (a CI runner cannot reach the K3s API) and rolls back there, with small
/// bucket-free SSM commands whose every value is validated and quoted.
/// </summary>
public sealed class SsmClusterReader(ISsmDeployer deployer)
{
    /// <summary>The workload, its ReplicaSets and pods (by its selector) and the namespace's events, as kubectl printed them.</summary>
    /// <param name="target">The host.</param>
    /// <param name="ns">Namespace.</param>
    /// <param name="kind">deployment, statefulset or daemonset (any case).</param>
    /// <param name="name">Workload name.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="BuildFailedException">The command failed (e.g. the workload does not exist) or its output is unreadable.</exception>
    public async Task<SsmClusterJson> ReadAsync(SsmTarget target, string ns, string kind, string name, CancellationToken cancellationToken)
    {
        var workloadKind = Validate(ns, kind, name);
        var result = await deployer.RunOnHostAsync(target, SsmScripts.ReadCluster(ns, workloadKind, name), cancellationToken);
        if (!result.Succeeded)
            throw new BuildFailedException(
                $"Reading {workloadKind}/{name} in {ns} on {target.InstanceId} through SSM ended {result.Status} (command {result.CommandId}): {Last(result.StandardError)}");
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.StandardOutput.Split('\n'))
        {
            if (!line.StartsWith("shipyard:", StringComparison.Ordinal)) continue;
            var fields = line.TrimEnd('\r').Split(':', 3);
            if (fields.Length == 3) parts[fields[1]] = Decode(fields[2], fields[1], result);
        }
        string Part(string key) => parts.TryGetValue(key, out var json) ? json : throw new BuildFailedException(
            $"Reading {workloadKind}/{name} on {target.InstanceId} through SSM: the output (command {result.CommandId}) has no '{key}' part; it may have been truncated.");
        return new SsmClusterJson(Part("workload"), Part("replicasets"), Part("pods"), Part("events"));
    }

    /// <summary>
    /// <c>kubectl rollout undo</c> on the host, only while a container of the workload still runs
    /// <paramref name="guardImage"/> (the version that failed): a newer deploy is never undone by a late rollback.
    /// </summary>
    /// <exception cref="BuildFailedException">The command failed.</exception>
    public async Task<SsmRollbackResult> RollbackAsync(SsmTarget target, string ns, string kind, string name, string guardImage, CancellationToken cancellationToken)
    {
        var workloadKind = Validate(ns, kind, name);
        if (guardImage.Length == 0 || guardImage.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new UsageException($"SSM rollback: guard image '{SsmGrammar.Escape(guardImage)}' must be one image reference");
        var result = await deployer.RunOnHostAsync(target, SsmScripts.Rollback(ns, workloadKind, name, guardImage), cancellationToken);
        if (!result.Succeeded)
            throw new BuildFailedException(
                $"Rollback of {workloadKind}/{name} in {ns} on {target.InstanceId} through SSM ended {result.Status} (command {result.CommandId}): {Last(result.StandardError)}. Undo it by hand: kubectl rollout undo {workloadKind}/{name} -n {ns}");
        var lines = result.StandardOutput.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var live = lines.FirstOrDefault(l => l.StartsWith("shipyard:live:", StringComparison.Ordinal))?["shipyard:live:".Length..] ?? "";
        var done = lines.Contains("shipyard:rollback:done");
        var reason = done
            ? $"rolled back {workloadKind}/{name}: it ran {guardImage}"
            : $"skipped: {workloadKind}/{name} no longer runs {guardImage} (live: {(live.Length == 0 ? "none" : live)})";
        return new SsmRollbackResult(done, live, reason, result);
    }

    private static string Validate(string ns, string kind, string name)
    {
        SsmGrammar.Label("namespace", ns);
        SsmGrammar.Label("workload name", name);
        var lower = kind.ToLowerInvariant();
        return lower is "deployment" or "statefulset" or "daemonset"
            ? lower
            : throw new UsageException($"SSM: workload kind '{SsmGrammar.Escape(kind)}' is not Deployment, StatefulSet or DaemonSet");
    }

    private static string Decode(string base64, string part, SsmCommandResult result)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(base64)), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or EndOfStreamException)
        {
            throw new BuildFailedException(
                $"The '{part}' part of SSM command {result.CommandId}'s output is not gzip+base64 ({e.Message}); SSM may have truncated it (24,000 characters).");
        }
    }

    private static string Last(string text)
    {
        var line = text.Trim().Split('\n').LastOrDefault() ?? "";
        return line.Length == 0 ? "no error output" : line;
    }
}
