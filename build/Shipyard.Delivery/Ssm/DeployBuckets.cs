using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;

namespace Shipyard.Delivery.Ssm;

/// <summary>
/// The temporary buckets: named <c>prefix-yyyyMMddHHmmss-random6</c> (the name carries its age for the sweep),
/// private, encrypted, tagged as ours, expiring after a day as a backstop; deleted with every object.
/// </summary>
internal sealed class DeployBuckets(IAmazonS3 s3, SsmSettings settings, TextWriter log, TimeProvider time)
{
    public const string ToolTagKey = "shipyard";
    public const string ToolTagValue = "ssm-deploy";
    private const string TimestampFormat = "yyyyMMddHHmmss";
    private const string RandomAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public string NewName() =>
        $"{settings.BucketPrefix}-{time.GetUtcNow().UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture)}-{RandomNumberGenerator.GetString(RandomAlphabet, 6)}";

    /// <summary>When the bucket named <paramref name="name"/> was created by this tool, or null when the name is not one of ours.</summary>
    public DateTimeOffset? CreatedAt(string name)
    {
        var parts = name.Length > settings.BucketPrefix.Length + 1 && name.StartsWith(settings.BucketPrefix + "-", StringComparison.Ordinal)
            ? name[(settings.BucketPrefix.Length + 1)..].Split('-')
            : [];
        return parts is [var stamp, { Length: 6 } random] && random.All(RandomAlphabet.Contains)
            && DateTime.TryParseExact(stamp, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : null;
    }

    /// <summary>Creates the bucket with its settings; throws when the name is taken (then it is not ours to delete).</summary>
    public async Task CreateAsync(string name, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        var create = new PutBucketRequest { BucketName = name };
        if (settings.Region != "us-east-1") create.BucketRegionName = settings.Region;
        await s3.PutBucketAsync(create, ct);
        await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = name,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
            {
                BlockPublicAcls = true,
                IgnorePublicAcls = true,
                BlockPublicPolicy = true,
                RestrictPublicBuckets = true,
            },
        }, ct);
        await s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = name,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules = [new ServerSideEncryptionRule { ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 } }],
            },
        }, ct);
        await s3.PutBucketTaggingAsync(new PutBucketTaggingRequest
        {
            BucketName = name,
            TagSet = [new Tag { Key = ToolTagKey, Value = ToolTagValue }, .. tags.Select(t => new Tag { Key = t.Key, Value = t.Value })],
        }, ct);
        // A backstop for the sweep: even a bucket nobody sweeps empties itself after a day.
        await s3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest
        {
            BucketName = name,
            Configuration = new LifecycleConfiguration
            {
                Rules = [new LifecycleRule
                {
                    Id = "expire-after-one-day",
                    Status = LifecycleRuleStatus.Enabled,
                    Filter = new LifecycleFilter { Prefix = "" },
                    Expiration = new LifecycleRuleExpiration { Days = 1 },
                }],
            },
        }, ct);
    }

    public Task UploadAsync(string bucket, string key, string file, CancellationToken ct) =>
        s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, FilePath = file, ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256 }, ct);

    /// <summary>Every object under <paramref name="prefix"/> as text, key by key (the command's full output).</summary>
    public async Task<string> ReadAllAsync(string bucket, string prefix, CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var key in await KeysAsync(bucket, prefix, ct))
        {
            using var response = await s3.GetObjectAsync(bucket, key, ct);
            using var reader = new StreamReader(response.ResponseStream);
            text.Append("--- ").Append(key).Append('\n').Append(await reader.ReadToEndAsync(ct));
            if (text.Length > 0 && text[^1] != '\n') text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Deletes every object and the bucket, retrying while the SSM agent may still be writing output; false when it could not.</summary>
    public async Task<bool> DeleteAsync(string bucket)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var keys = await KeysAsync(bucket, "", CancellationToken.None);
                foreach (var chunk in keys.Chunk(1000))
                    await s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = bucket, Objects = [.. chunk.Select(k => new KeyVersion { Key = k })] }, CancellationToken.None);
                await s3.DeleteBucketAsync(bucket, CancellationToken.None);
                await log.WriteLineAsync($"ssm: deleted bucket {bucket} ({keys.Count} object(s))");
                return true;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode == "NoSuchBucket")
            {
                return true;
            }
            catch (Exception e) when (e is AmazonS3Exception or HttpRequestException && attempt < 3)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), time, CancellationToken.None);
            }
            catch (Exception e) when (e is AmazonS3Exception or HttpRequestException)
            {
                await log.WriteLineAsync($"ssm: warning: could not delete bucket {bucket}: {e.Message}; the next run's sweep (or its 1-day expiry) removes it");
                return false;
            }
        }
    }

    private async Task<List<string>> KeysAsync(string bucket, string prefix, CancellationToken ct)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, ct);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
        return keys;
    }
}
