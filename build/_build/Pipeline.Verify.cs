using Shipyard.Engine;

partial class Pipeline
{
    bool VerificationFailed;

    Target Verify => _ => _
        .Description("Waits for the rollout on the cluster and reports the verdict")
        .Triggers(Rollback)
        .Executes(() =>
        {
            VerificationFailed = true;
            return NotImplementedYet("Verify");
        });

    Target Rollback => _ => _
        .Description("Undoes a deploy whose verification failed, with the strategy's own undo")
        .AssuredAfterFailure()
        .OnlyWhenDynamic(() => VerificationFailed)
        .Executes(() => NotImplementedYet("Rollback"));
}
