namespace Shipyard.Delivery.Notifications;

/// <summary>
/// GitHub Actions workflow commands naming the failing service and stage, so the run page's annotations say what broke:
/// <c>::error title=Deploy failed%3A todo-api (Verify)::todo-api 1.4.2 failed at Verify: …</c>. Property values are
/// escaped as the Actions toolkit does (<c>:</c> and <c>,</c> included), so GitHub shows <c>Deploy failed: todo-api (Verify)</c>.
/// </summary>
public static class DeployAnnotations
{
    /// <summary>One line per failed, rolled-back or cancelled service; none when all succeeded.</summary>
    public static IReadOnlyList<string> Lines(DeliveryReport report) =>
        [.. report.Services.Select(view => Line(report.Run, view)).OfType<string>()];

    private static string? Line(DeliveryRun run, ServiceDeliveryView view)
    {
        var headline = DeliveryText.Headline(view, run.Environment);
        var message = view.Error is null ? headline : $"{headline}: {view.Error}";
        var stage = view.FailedStage is null ? "" : $" ({view.FailedStage})";
        return view.Status switch
        {
            DeliveryStatus.Failed or DeliveryStatus.RolledBack => $"::error title={Property($"Deploy failed: {view.Service}{stage}")}::{Data(message)}",
            DeliveryStatus.RollbackFailed => $"::error title={Property($"Rollback failed: {view.Service}{stage}")}::{Data(message)}",
            DeliveryStatus.Cancelled => $"::warning title={Property($"Deploy cancelled: {view.Service}")}::{Data(message)}",
            _ => null,
        };
    }

    private static string Data(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
