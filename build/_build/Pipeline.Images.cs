using Shipyard.Engine;

partial class Pipeline
{
    Target Build => _ => _
        .Description("Builds each selected service's container image")
        .DependsOn(Test)
        .Executes(() => NotImplementedYet("Build"));

    Target Push => _ => _
        .Description("Pushes the images and adds every tag of the tag scheme through the registry API")
        .DependsOn(Build)
        .Executes(() => NotImplementedYet("Push"));

    Target Bump => _ => _
        .Description("Tags the next semantic version of each service from its conventional commits")
        .Executes(() => NotImplementedYet("Bump"));
}
