namespace Shipyard.Delivery.Notifications;

/// <summary>
/// Masks the views before any formatting: Slack's mrkdwn escaping (<c>&lt;</c> → <c>&amp;lt;</c>) or JSON encoding
/// would otherwise turn a leaked secret into text the masker no longer recognises. The bodies are masked again on the
/// wire; this is the first of the two layers. A URL that contained a secret is dropped rather than sent broken.
/// </summary>
internal static class ViewMask
{
    public static DeliveryRun Apply(DeliveryRun run, Func<string, string> mask) => new(mask(run.Environment), new CiLinks(
        Opt(run.Ci.ServerUrl, mask), Opt(run.Ci.Repository, mask), Opt(run.Ci.RunId, mask), Opt(run.Ci.Sha, mask), Opt(run.Ci.Actor, mask)));

    public static ServiceDeliveryView Apply(ServiceDeliveryView view, Func<string, string> mask) => view with
    {
        Service = mask(view.Service),
        VersionTag = Opt(view.VersionTag, mask),
        Digest = Opt(view.Digest, mask),
        Image = Opt(view.Image, mask),
        Strategy = Opt(view.Strategy, mask),
        FailedStage = Opt(view.FailedStage, mask),
        Error = Opt(view.Error, mask),
        RollbackTarget = Opt(view.RollbackTarget, mask),
        RollbackTargetRef = Opt(view.RollbackTargetRef, mask),
        ArgoCdRevision = Opt(view.ArgoCdRevision, mask),
        GitOpsCommit = Opt(view.GitOpsCommit, mask),
        SsmCommandId = Opt(view.SsmCommandId, mask),
        EnvironmentUrl = view.EnvironmentUrl is { } url && mask(url.OriginalString) == url.OriginalString ? url : null,
        Stages = [.. view.Stages.Select(s => s with { Name = mask(s.Name), Note = Opt(s.Note, mask) })],
    };

    public static DeliveryReport Apply(DeliveryReport report, Func<string, string> mask) =>
        report with { Run = Apply(report.Run, mask), Services = [.. report.Services.Select(v => Apply(v, mask))] };

    private static string? Opt(string? text, Func<string, string> mask) => text is null ? null : mask(text);
}
