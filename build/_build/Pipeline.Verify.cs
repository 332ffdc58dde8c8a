using Shipyard.Engine;

partial class Pipeline
{
    /// <summary>Set by Verify when a rollout verdict is Failed; Rollback runs only then.</summary>
    bool VerificationFailed;

    Target Verify => _ => _
        .Description("Waits for the rollout on the cluster and reports the verdict")
        .Triggers(Rollback)
        .Executes(context =>
        {
            // A step whose system is not configured is skipped with the reason, not failed and not faked.
            if (KubernetesConfiguration() is null)
            {
                context.Skip("no cluster configured (KUBECONFIG unset, no ~/.kube/config, not in a cluster)");
                return Task.CompletedTask;
            }
            return NotImplementedYet("Verify");
        });

    Target Rollback => _ => _
        .Description("Undoes a deploy whose verification failed, with the strategy's own undo")
        .AssuredAfterFailure()
        .OnlyWhenDynamic(() => VerificationFailed)
        .Executes(() => NotImplementedYet("Rollback"));
}
