using System.Globalization;

namespace Shipyard.Delivery.GitOps;

/// <summary>What a writer waiting in the hand-off should do next.</summary>
internal enum HandOffState
{
    /// <summary>An older writer is at the front: wait and look again.</summary>
    Waiting,

    /// <summary>This writer is at the front (or the front stalled): push every waiting writer's commits with its own.</summary>
    MyTurn,

    /// <summary>
    /// This writer's waiting ref is gone: the writer at the front pushed its commits (the ref is deleted in the same
    /// atomic push as the branch moves), or swept it after its TTL. The branch says which.
    /// </summary>
    Gone,
}

/// <param name="State">The decision.</param>
/// <param name="Ahead">Live waiting writers older than this one (when <see cref="HandOffState.Waiting"/>).</param>
internal sealed record HandOffDecision(HandOffState State, int Ahead = 0);

/// <summary>The hand-off's refs on the remote: each waiting writer's ticket and the tip of its parked chain of commits.</summary>
internal sealed record HandOffRefs(IReadOnlyDictionary<string, string> Waiting)
{
    /// <summary>The ref holding the parked chain of <paramref name="ticket"/>.</summary>
    public static string WaitingRef(string branch, string ticket) => $"{Prefix(branch)}waiting/{ticket}";

    /// <summary>Everything the hand-off of <paramref name="branch"/> keeps under this prefix.</summary>
    public static string Prefix(string branch) => $"refs/gitops/{branch}/";

    /// <summary>The waiting tickets among remote refs (full name → SHA); other refs are ignored.</summary>
    public static HandOffRefs From(string branch, IEnumerable<KeyValuePair<string, string>> refs)
    {
        var waiting = new Dictionary<string, string>(StringComparer.Ordinal);
        var prefix = $"{Prefix(branch)}waiting/";
        foreach (var (name, sha) in refs)
            if (name.StartsWith(prefix, StringComparison.Ordinal)) waiting[name[prefix.Length..]] = sha;
        return new HandOffRefs(waiting);
    }
}

/// <summary>
/// The hand-off's rules, without any I/O: tickets order writers by the time they parked (the name starts with the UTC
/// ticks), the oldest live one is at the front, and a ticket older than the TTL belongs to a writer that died.
/// </summary>
internal static class HandOffTurn
{
    /// <summary>A new ticket: arrival time first (so names sort by it), then a unique part.</summary>
    public static string NewTicket(DateTimeOffset now) => $"{now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}";

    /// <summary>When <paramref name="ticket"/> was taken; <see cref="DateTimeOffset.MinValue"/> for a name that is not a ticket.</summary>
    public static DateTimeOffset TakenAt(string ticket) =>
        ticket.Length > 19 && long.TryParse(ticket.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : DateTimeOffset.MinValue;

    /// <summary>True when <paramref name="ticket"/> is older than <paramref name="ttl"/> (or not a ticket at all).</summary>
    public static bool IsStale(string ticket, DateTimeOffset now, TimeSpan ttl) => now - TakenAt(ticket) > ttl;

    /// <summary>Decides for the writer holding <paramref name="ticket"/>.</summary>
    /// <param name="refs">The remote's hand-off refs as just read.</param>
    /// <param name="ticket">This writer's ticket (always live for itself).</param>
    /// <param name="now">The current time.</param>
    /// <param name="ttl">Age after which another writer's ticket is ignored.</param>
    /// <param name="quietFor">How long neither the branch nor the tickets have changed.</param>
    /// <param name="stallAfter">
    /// How long the front may be quiet before the writer behind it takes over; the one behind that waits twice as
    /// long, and so on, so a stalled front is replaced by one writer, not by all of them at once.
    /// </param>
    public static HandOffDecision Decide(HandOffRefs refs, string ticket, DateTimeOffset now, TimeSpan ttl, TimeSpan quietFor, TimeSpan stallAfter)
    {
        if (!refs.Waiting.ContainsKey(ticket)) return new HandOffDecision(HandOffState.Gone);
        var ahead = refs.Waiting.Keys.Count(t => string.CompareOrdinal(t, ticket) < 0 && !IsStale(t, now, ttl));
        return ahead == 0 || quietFor > stallAfter * ahead ? new HandOffDecision(HandOffState.MyTurn) : new HandOffDecision(HandOffState.Waiting, Ahead: ahead);
    }

    /// <summary>The other writers' chains to push along with this writer's, oldest first (stale ones are left out).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Carried(HandOffRefs refs, string ticket, DateTimeOffset now, TimeSpan ttl) =>
        [.. refs.Waiting.Where(w => w.Key != ticket && !IsStale(w.Key, now, ttl)).OrderBy(w => w.Key, StringComparer.Ordinal)];

    /// <summary>
    /// True while the writer at the front should look once more before pushing: writers that lost the same race park
    /// their commits over a short while, and one more look carries them in this push instead of a second round after
    /// it. The front waits until the tickets have been still for two looks, and never longer than twelve.
    /// </summary>
    /// <param name="quietFor">How long neither the branch nor the tickets have changed.</param>
    /// <param name="frontFor">How long this writer has been at the front.</param>
    /// <param name="poll">The pause between looks.</param>
    public static bool Gathering(TimeSpan quietFor, TimeSpan frontFor, TimeSpan poll) => quietFor < poll * 2 && frontFor < poll * 12;
}
