using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Shipyard.Delivery.Ssm;

/// <summary>
/// Deletes what killed runs left behind: buckets whose name is ours (prefix, timestamp, random suffix) AND that carry
/// the tool's tag, older than the sweep age by the timestamp in their name. Anything else is not ours and stays.
/// </summary>
internal sealed class BucketSweeper(IAmazonS3 s3, DeployBuckets buckets, SsmSettings settings, TextWriter log, TimeProvider time)
{
    public async Task<SweepResult> SweepAsync(CancellationToken ct)
    {
        var swept = new List<string>();
        var failed = new List<string>();
        var now = time.GetUtcNow();
        var request = new ListBucketsRequest { Prefix = settings.BucketPrefix + "-" };
        ListBucketsResponse page;
        var candidates = new List<string>();
        do
        {
            page = await s3.ListBucketsAsync(request, ct);
            candidates.AddRange((page.Buckets ?? [])
                .Select(b => b.BucketName)
                .Where(name => buckets.CreatedAt(name) is { } created && now - created > settings.SweepAge));
            request.ContinuationToken = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(page.ContinuationToken));

        foreach (var name in candidates.Order(StringComparer.Ordinal))
        {
            if (!await IsOursAsync(name, ct)) continue;
            if (await buckets.DeleteAsync(name)) swept.Add(name);
            else failed.Add($"{name} (delete failed)");
        }
        var result = new SweepResult(swept, failed);
        await log.WriteLineAsync($"ssm: {result.Describe()}");
        return result;
    }

    private async Task<bool> IsOursAsync(string name, CancellationToken ct)
    {
        try
        {
            var tagging = await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = name }, ct);
            return (tagging.TagSet ?? []).Any(t => t.Key == DeployBuckets.ToolTagKey && t.Value == DeployBuckets.ToolTagValue);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "NoSuchTagSet" or "NoSuchBucket" or "AccessDenied" || e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
