using Shipyard.Engine;

namespace Shipyard.Delivery.Notifications;

/// <summary>
/// Job outputs (<c>$GITHUB_OUTPUT</c>) of a deploy: <c>image-digest</c>, <c>version</c>, <c>deployed-commit</c>,
/// <c>rolled-back-to</c>. Every key is always present (empty when it does not apply) so later jobs can read them
/// without guarding. Keys are prefixed with the service (<c>todo-api-version</c>); a run of one service, as a matrix
/// job is, also gets them unprefixed.
/// </summary>
public static class DeployOutputs
{
    /// <summary>The outputs of every service of <paramref name="report"/>, in service order.</summary>
    public static IReadOnlyDictionary<string, string> Of(DeliveryReport report)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var view in report.Services)
            foreach (var (key, value) in Of(report.Run, view))
                outputs[$"{view.Service}-{key}"] = value;
        if (report.Services is [var only])
            foreach (var (key, value) in Of(report.Run, only))
                outputs[key] = value;
        return outputs;
    }

    /// <summary>One service's outputs, unprefixed. <c>deployed-commit</c> is the GitOps commit, or the source commit once an SSM deploy ran.</summary>
    public static IReadOnlyDictionary<string, string> Of(DeliveryRun run, ServiceDeliveryView view)
    {
        var deployed = view.Stages.Any(s => s.Name == "Deploy" && s.Status == TargetStatus.Succeeded);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["image-digest"] = view.Digest ?? "",
            ["version"] = view.VersionTag ?? "",
            ["deployed-commit"] = view.GitOpsCommit ?? (deployed ? run.Ci.Sha ?? "" : ""),
            ["rolled-back-to"] = view.Status == DeliveryStatus.RolledBack ? view.RollbackTarget ?? "" : "",
        };
    }
}
