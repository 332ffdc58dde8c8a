using Shipyard.Delivery.Deploy;

namespace Shipyard.Delivery.Records;

/// <summary>
/// The one line an interrupted run (Ctrl-C, SIGTERM) ends with: what each service was left at — from its delivery
/// record — and what to run next. A change that is live but was not verified is named with its commit or command, and
/// the next step is to verify it or roll it back; with nothing changed, the next step is to run again.
/// </summary>
public static class InterruptedAdvice
{
    /// <param name="records">The run's delivery records.</param>
    /// <param name="cutOff">
    /// For a deploy interrupted before it could report a change (no receipt): whether its change reached the target
    /// anyway (true), did not (false), or cannot be told (null). Services not in it are judged by their records alone.
    /// </param>
    public static string Line(IReadOnlyList<DeliveryRecord> records, IReadOnlyDictionary<string, bool?> cutOff)
    {
        var states = new List<string>();
        var unverified = new List<string>();
        var undoable = new List<string>();
        foreach (var record in records)
        {
            if (State(record, cutOff) is not { } state) continue;
            states.Add(state.Text);
            if (!state.Unverified) continue;
            unverified.Add(record.Service);
            // Rolling back a rollback would bring the failed version back: only deploys are offered an undo.
            if (record.RolledBack is null) undoable.Add(record.Service);
        }
        if (unverified.Count == 0)
            return "Interrupted: " + (states.Count == 0 ? "nothing was deployed" : string.Join("; ", states)) + ". Run the same command again to carry on.";
        return $"Interrupted: {string.Join("; ", states)}. Next: ./build.sh Verify --service {string.Join(',', unverified)} to check what runs" +
            (undoable.Count == 0 ? "." : $", or ./build.sh Rollback --service {string.Join(',', undoable)} to undo the deploy.");
    }

    private static (string Text, bool Unverified)? State(DeliveryRecord record, IReadOnlyDictionary<string, bool?> cutOff)
    {
        var name = record.Service;
        if (record.RolledBack is { } back)
        {
            var verified = back.Verified?.Status == StageStatus.Succeeded;
            return back.Receipt is null
                ? ($"{name} {record.Deployed?.Image.Tag} is live, its rollback did not finish", true)
                : ($"{name} is rolled back to {back.To?.Tag} ({Change(back.Receipt)})" + (verified ? ", verified" : ", not verified"), !verified);
        }
        if (record.Deployed is not { } deployed) return null;
        if (deployed.Receipt is { } receipt)
        {
            var verified = record.Verified?.Status == StageStatus.Succeeded;
            if (!receipt.Changed) return ($"{name} {deployed.Image.Tag} was already deployed", !verified);
            return ($"{name} {deployed.Image.Tag} is deployed ({Change(receipt)})" +
                (deployed.Status == StageStatus.Failed ? " but its deploy did not finish" : verified ? " and verified" : " but not verified"), !verified);
        }
        return cutOff.TryGetValue(name, out var landed) switch
        {
            false => ($"{name} {deployed.Image.Tag} was not deployed", false),
            true when landed == true => ($"{name} {deployed.Image.Tag} reached its {Target(deployed.Strategy)} before the interrupt, not synced or verified", true),
            true when landed == false => ($"{name} {deployed.Image.Tag} was not deployed: nothing reached its {Target(deployed.Strategy)}", false),
            _ => ($"{name} {deployed.Image.Tag} was interrupted mid-deploy: whether it reached its {Target(deployed.Strategy)} is unknown", true),
        };
    }

    private static string Change(DeployReceipt receipt) => receipt switch
    {
        GitOpsReceipt { Commit: { } commit } g => $"commit {Short(commit)} in {g.Repository}",
        SsmReceipt s => $"SSM command {s.CommandId} on {s.InstanceId}",
        _ => receipt.Strategy,
    };

    private static string Target(string strategy) => strategy == "ssm" ? "host" : "GitOps repository";

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;
}
