using Shipyard.Engine;

partial class Pipeline
{
    Target Test => _ => _
        .Description("Runs each selected service's tests, in parallel, and the build's own tests")
        .Executes(() => NotImplementedYet("Test"));
}
