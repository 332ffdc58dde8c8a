namespace Shipyard.Engine.Tests.Planning;

public static class PlannerTests
{
    private static PlanNode N(string name, string[]? dependsOn = null, string[]? before = null, string[]? after = null,
        string[]? triggers = null, string[]? triggeredBy = null, string[]? dependentFor = null) => new(name)
        {
            DependsOn = dependsOn ?? [],
            Before = before ?? [],
            After = after ?? [],
            Triggers = triggers ?? [],
            TriggeredBy = triggeredBy ?? [],
            DependentFor = dependentFor ?? [],
        };

    private static IReadOnlyList<string> Plan(string[] requested, params PlanNode[] nodes) => Planner.Plan(nodes, requested).Targets;

    [Fact]
    public static void AChainRunsDependenciesFirst() =>
        Plan(["A"], N("A", dependsOn: ["B"]), N("B", dependsOn: ["C"]), N("C")).ShouldBe(["C", "B", "A"]);

    [Fact]
    public static void ADiamondRunsTheSharedDependencyOnce() =>
        Plan(["A"], N("A", dependsOn: ["B", "C"]), N("B", dependsOn: ["D"]), N("C", dependsOn: ["D"]), N("D"))
            .ShouldBe(["D", "B", "C", "A"]);

    [Fact]
    public static void UnrelatedTargetsAreNotPlanned() =>
        Plan(["B"], N("A", dependsOn: ["B"]), N("B"), N("C")).ShouldBe(["B"]);

    [Fact]
    public static void AfterOnlyOrdersAndDoesNotPullTargetsIn()
    {
        Plan(["A"], N("A", after: ["B"]), N("B")).ShouldBe(["A"]);
        Plan(["A", "B"], N("A", after: ["B"]), N("B")).ShouldBe(["B", "A"]);
    }

    [Fact]
    public static void BeforeOnlyOrdersAndDoesNotPullTargetsIn()
    {
        Plan(["A"], N("A"), N("B", before: ["A"])).ShouldBe(["A"]);
        Plan(["A", "B"], N("A"), N("B", before: ["A"])).ShouldBe(["B", "A"]);
    }

    [Fact]
    public static void TriggeredTargetsJoinThePlanAndRunAfterTheTrigger() =>
        Plan(["A"], N("A", triggers: ["B"]), N("B", triggers: ["C"]), N("C")).ShouldBe(["A", "B", "C"]);

    [Fact]
    public static void TriggeredByJoinsThePlanWhenItsTriggerDoes()
    {
        Plan(["A"], N("A"), N("B", triggeredBy: ["A"])).ShouldBe(["A", "B"]);
        Plan(["B"], N("A"), N("B", triggeredBy: ["A"])).ShouldBe(["B"]);
    }

    [Fact]
    public static void ATriggeredTargetBringsItsOwnDependencies() =>
        Plan(["A"], N("A", triggers: ["B"]), N("B", dependsOn: ["C"]), N("C")).ShouldBe(["A", "C", "B"]);

    [Fact]
    public static void DependentForPullsTheTargetInBeforeTheDependent() =>
        Plan(["A"], N("A"), N("B", dependentFor: ["A"])).ShouldBe(["B", "A"]);

    [Fact]
    public static void TriggerEdgesAreDottedAndDependencyEdgesSolidInThePlan()
    {
        var plan = Planner.Plan([N("A", dependsOn: ["B"], triggers: ["C"]), N("B"), N("C")], ["A"]);
        plan.Edges.ShouldBe([new PlanEdge("B", "A", PlanEdgeKind.Dependency), new PlanEdge("A", "C", PlanEdgeKind.Trigger)]);
        plan.TriggeredBy("C").ShouldBe("A");
    }

    [Fact]
    public static void ADependencyCycleIsReportedWithItsPath()
    {
        var error = Should.Throw<UsageException>(() => Plan(["A"], N("A", dependsOn: ["B"]), N("B", dependsOn: ["A"])));
        error.Message.ShouldBe("Circular dependency: A -> B -> A");
    }

    [Fact]
    public static void ALongerCycleNamesEveryTargetOnIt()
    {
        var error = Should.Throw<UsageException>(() =>
            Plan(["D"], N("A", dependsOn: ["B"]), N("B", dependsOn: ["C"]), N("C", dependsOn: ["A"]), N("D", dependsOn: ["A"])));
        error.Message.ShouldBe("Circular dependency: A -> B -> C -> A");
    }

    [Fact]
    public static void AnOrderingCycleAmongPlannedTargetsIsReported() =>
        Should.Throw<UsageException>(() => Plan(["A", "B"], N("A", after: ["B"]), N("B", after: ["A"])))
            .Message.ShouldStartWith("Circular dependency: ");

    [Fact]
    public static void AnUnknownTargetSuggestsTheClosestNameAndListsTheAvailableOnes() =>
        Should.Throw<UsageException>(() => Plan(["Deplyo"], N("Test"), N("Build"), N("Deploy")))
            .Message.ShouldBe("Target 'Deplyo' does not exist. Did you mean 'Deploy'? Available: Test, Build, Deploy");

    [Fact]
    public static void AFarOffNameGetsNoSuggestion() =>
        Planner.UnknownTarget("Xyzzy", ["Test", "Deploy"]).ShouldBe("Target 'Xyzzy' does not exist. Available: Test, Deploy");

    [Fact]
    public static void TargetNamesAreMatchedCaseInsensitively() =>
        Plan(["deploy"], N("Deploy", dependsOn: ["Test"]), N("Test")).ShouldBe(["Test", "Deploy"]);
}
