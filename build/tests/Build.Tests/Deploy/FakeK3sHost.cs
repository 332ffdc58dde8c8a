using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3;
using Shipyard.Delivery.Tests.Fakes;

namespace Build.Tests.Deploy;

/// <summary>
/// The K3s host behind <see cref="FakeSsmApi"/>: answers the pipeline's three kinds of SSM command as the agent on
/// seed 004's instance would. A deploy applies the image of the rendered manifests it finds in the bundle (read from
/// the bucket on moto, as the host's script would), making a new revision; images tagged <c>bad…</c> crash-loop. A
/// cluster read prints the four <c>kubectl get -o json</c> documents gzip+base64 on marked lines; a guarded
/// rollback undoes to the previous revision while the guard image is live.
/// </summary>
internal sealed class FakeK3sHost(IAmazonS3 s3, string workload, string container)
{
    private readonly Lock _gate = new();
    private readonly List<string> _revisions = [];

    /// <summary>What the deploy command answers after applying, instead of Success (e.g. Failed: the rollout wait failed; or InProgress for ever).</summary>
    public FakeSsmReply? DeployReply { get; set; }

    /// <summary>The guard images of the rollback commands received, in order.</summary>
    public List<string> Rollbacks { get; } = [];

    /// <summary>The image of each revision, oldest first.</summary>
    public IReadOnlyList<string> Revisions
    {
        get { lock (_gate) return [.. _revisions]; }
    }

    public async Task<FakeSsmReply> RunAsync(FakeSsmCommand command)
    {
        var script = string.Join('\n', command.Commands);
        if (script.Contains("rollout undo", StringComparison.Ordinal)) return Rollback(command.Commands);
        if (script.Contains("kubectl get", StringComparison.Ordinal)) return Read();
        var image = await RenderedImageAsync(command.OutputS3BucketName!);
        lock (_gate) _revisions.Add(image);
        return DeployReply ?? new FakeSsmReply("Success", $"deployment.apps/{workload} configured\ndeployment \"{workload}\" successfully rolled out\n");
    }

    // The host applies what the pipeline rendered: the container's image in manifests.yaml of the bundle.
    private async Task<string> RenderedImageAsync(string bucket)
    {
        using var bundle = await s3.GetObjectAsync(bucket, "manifests.tar.gz");
        await using var gzip = new GZipStream(bundle.ResponseStream, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        var entry = await tar.GetNextEntryAsync() ?? throw new InvalidOperationException("empty bundle");
        using var reader = new StreamReader(entry.DataStream!);
        var yaml = await reader.ReadToEndAsync();
        return yaml.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("image: ", StringComparison.Ordinal))
            .Select(l => l["image: ".Length..].Trim('"')).Single(i => i.Contains($"/{workload}:", StringComparison.Ordinal));
    }

    private FakeSsmReply Rollback(IReadOnlyList<string> lines)
    {
        var guard = lines.Single(l => l.StartsWith("guard='", StringComparison.Ordinal))["guard='".Length..].TrimEnd('\'');
        lock (_gate)
        {
            Rollbacks.Add(guard);
            var live = _revisions[^1];
            if (live != guard) return new FakeSsmReply("Success", $"shipyard:live:{live}\nshipyard:rollback:skipped\n");
            // kubectl's undo: the previous revision's template becomes the newest revision.
            _revisions.Add(_revisions[^2]);
            return new FakeSsmReply("Success", $"shipyard:live:{live}\ndeployment.apps/{workload} rolled back\nshipyard:rollback:done\n");
        }
    }

    private FakeSsmReply Read()
    {
        List<string> revisions;
        lock (_gate) revisions = [.. _revisions];
        if (revisions.Count == 0) return new FakeSsmReply("Failed", "", $"Error from server (NotFound): deployments.apps \"{workload}\" not found", 1);
        var image = revisions[^1];
        var crashing = image.Contains(":bad", StringComparison.Ordinal);
        var generation = revisions.Count;
        var deployment = RolloutObjects.Workload("Deployment", workload, container, image, 1, "RollingUpdate");
        deployment["metadata"]!["generation"] = generation;
        deployment["metadata"]!["uid"] = "uid-1";
        deployment["status"] = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["replicas"] = crashing && revisions.Count > 1 ? 2 : 1,
            ["updatedReplicas"] = 1,
            ["availableReplicas"] = crashing ? 0 : 1,
        };
        var sets = revisions.Select((i, n) => RolloutObjects.ReplicaSet(workload, "uid-1", Hash(n + 1), n + 1, container, i, n == revisions.Count - 1 ? 1 : 0));
        var pods = new JsonArray(RolloutObjects.Pod($"{workload}-{Hash(generation)}-0", workload, "pod-template-hash", Hash(generation), container, image,
            ready: !crashing, waiting: crashing ? "CrashLoopBackOff" : null, restarts: crashing ? 4 : 0, lastTerminated: crashing ? "Error" : null));
        if (crashing && revisions.Count > 1)
            pods.Add(RolloutObjects.Pod($"{workload}-{Hash(generation - 1)}-0", workload, "pod-template-hash", Hash(generation - 1), container, revisions[^2], ready: true));
        var events = crashing
            ? new JsonArray(RolloutObjects.Event("backoff", "Pod", $"{workload}-{Hash(generation)}-0", "Warning", "BackOff", "Back-off restarting failed container", 1))
            : [];
        var output = new StringBuilder();
        foreach (var (part, json) in new[] { ("workload", (JsonNode)deployment), ("replicasets", List(sets)), ("pods", List(pods)), ("events", List(events)) })
            output.Append("shipyard:").Append(part).Append(':').Append(Gzip(json.ToJsonString())).Append('\n');
        return new FakeSsmReply("Success", output.ToString());
    }

    private static JsonObject List(IEnumerable<JsonNode?> items) => new() { ["items"] = new JsonArray([.. items.Select(i => i?.DeepClone())]) };

    private static string Hash(int revision) => $"rev{revision:D4}";

    private static string Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return Convert.ToBase64String(buffer.ToArray());
    }
}
