using Shipyard.Delivery.Deploy;

namespace Shipyard.Delivery.Records;

/// <summary>
/// The run record's facts and the CI job outputs, as views of the delivery record under fixed keys: nothing else
/// writes facts about a delivery, so every report names the same things the same way.
/// </summary>
public static class DeliveryFacts
{
    /// <summary>Fact keys.</summary>
    public const string Image = "image", Tags = "tags", Builder = "builder", Digest = "digest", Strategy = "strategy",
        Commit = "commit", Revision = "revision", Previous = "previous", Command = "command", Instance = "instance",
        Source = "source", Reason = "reason", RolledBackTo = "rolled-back-to", VersionRule = "version-rule",
        ArgoCdRevision = "argocd-revision";

    /// <summary>The facts of one stage entry.</summary>
    public static IReadOnlyDictionary<string, string> Of(StageEntry entry)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string key, object? value)
        {
            if (value?.ToString() is { Length: > 0 } text) facts[key] = text;
        }
        switch (entry)
        {
            case BuiltEntry b:
                Add(Image, b.Image);
                Add(Tags, string.Join(",", b.Tags));
                Add(Builder, b.Builder);
                Add(VersionRule, b.VersionRule);
                break;
            case PushedEntry p:
                Add(Image, p.Image);
                Add(Digest, p.Image?.Digest);
                break;
            case DeployedEntry d:
                Add(Image, d.Image);
                Add(Strategy, d.Strategy);
                Add(Previous, d.Receipt?.Previous);
                AddReceipt(d.Receipt, Add);
                break;
            case VerifiedEntry v:
                Add(Image, v.Image);
                Add(Source, v.Source);
                Add(Reason, v.Reason);
                Add(ArgoCdRevision, v.Revision);
                break;
            case RolledBackEntry r:
                Add(RolledBackTo, r.To);
                Add(Previous, r.From);
                Add(Source, r.Verified?.Source);
                AddReceipt(r.Receipt, Add);
                break;
        }
        return facts;
    }

    /// <summary>The job outputs of one service (<c>&lt;service&gt;-digest</c>, <c>-version</c>, <c>-commit</c>, <c>-rolled-back-to</c>).</summary>
    public static IReadOnlyDictionary<string, string> Outputs(DeliveryRecord record)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var image = record.Deployed?.Image ?? record.Pushed?.Image;
        if (image?.Digest is { } digest) outputs[$"{record.Service}-digest"] = digest;
        if (image is not null) outputs[$"{record.Service}-version"] = image.Tag;
        if (record.Deployed?.Receipt?.ChangeId is { } change) outputs[$"{record.Service}-{(record.Deployed.Strategy == "ssm" ? "command" : "commit")}"] = change;
        if (record.RolledBack?.To is { } to) outputs[$"{record.Service}-rolled-back-to"] = to.Tag;
        return outputs;
    }

    private static void AddReceipt(DeployReceipt? receipt, Action<string, object?> add)
    {
        switch (receipt)
        {
            case GitOpsReceipt g:
                add(Commit, g.Commit);
                add(Revision, g.Revision);
                // What Argo CD synced: the revision, or a newer one containing it.
                if (g.Sync is { Skipped: false } sync) add(ArgoCdRevision, sync.Live);
                break;
            case SsmReceipt s:
                add(Instance, s.InstanceId);
                add(Command, s.CommandId);
                break;
        }
    }
}
