using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shipyard.Delivery.Locks;

/// <summary>The commit message of a git-ref lock: a subject for humans, then the state as one JSON line.</summary>
internal static class GitRefLockMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The message for a claim. <paramref name="token"/> is the acquiring commit (null on the acquiring commit itself).</summary>
    public static string For(string key, LockClaim claim, DateTimeOffset acquiredAt, string? token) =>
        $"deploy lock {key} held by {claim.Holder}\n\n" + JsonSerializer.Serialize(new State(
            claim.Holder, acquiredAt, claim.Now, claim.Now + claim.Ttl, (long)claim.Ttl.TotalMilliseconds, token), Json);

    /// <summary>Parses <c>git cat-file --batch</c> output of the lock commit.</summary>
    public static LockRecord? Parse(string catFileOutput)
    {
        var header = catFileOutput.Split('\n', 2)[0].Split(' ');
        if (header.Length < 2 || header[1] != "commit") return null; // "<ref> missing": deleted meanwhile
        var oid = header[0];
        var json = catFileOutput.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        var state = json is null ? null : JsonSerializer.Deserialize<State>(json, Json);
        if (state is null) return new LockRecord("unknown (unreadable lock commit " + oid + ")", DateTimeOffset.MinValue, TimeSpan.Zero, oid, oid);
        return new LockRecord(state.Holder, state.RenewedAt, TimeSpan.FromMilliseconds(state.TtlMilliseconds), oid, state.Token ?? oid, state.AcquiredAt);
    }

    private sealed record State(
        string Holder,
        DateTimeOffset AcquiredAt,
        DateTimeOffset RenewedAt,
        DateTimeOffset ExpiresAt,
        long TtlMilliseconds,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Token);
}
