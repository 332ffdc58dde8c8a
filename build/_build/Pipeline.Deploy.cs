using Shipyard.Engine;

partial class Pipeline
{
    Target Deploy => _ => _
        .Description("Deploys the pushed image with the service's strategy (GitOps or SSM)")
        .DependsOn(Push)
        .Triggers(Verify)
        .Executes(() => NotImplementedYet("Deploy"));
}
