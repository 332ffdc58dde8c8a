using System.Text.Json;
using Shipyard.Delivery.ArgoCd;

namespace Shipyard.Delivery.Tests.ArgoCd;

public sealed class ArgoReasonsTests
{
    private static T Parse<T>(string json) => JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web)!;

    [Fact]
    public void EachObjectIsNamedOnceTheTreeWinningAndHealthyOnesLeftOut()
    {
        var app = Parse<ArgoApplication>("""
            {"status": {"health": {"status": "Degraded"}, "resources": [
              {"kind": "Deployment", "namespace": "todo", "name": "todo-api", "health": {"status": "Degraded", "message": "old words"}},
              {"kind": "Service", "namespace": "todo", "name": "todo-api", "health": {"status": "Healthy"}},
              {"kind": "ConfigMap", "namespace": "todo", "name": "todo-cfg", "health": {"status": "Missing"}}]}}
            """);
        var tree = Parse<ArgoResourceTree>("""
            {"nodes": [{"kind": "Deployment", "namespace": "todo", "name": "todo-api", "uid": "1", "health": {"status": "Degraded", "message": "Deployment \"todo-api\" exceeded its progress deadline"}}]}
            """);

        ArgoReasons.Of(app, tree).ShouldBe(["Deployment todo/todo-api: exceeded its progress deadline", "ConfigMap todo/todo-cfg: Missing"]);
    }

    [Fact]
    public void AtTheDeadlineProgressingObjectsCountToo()
    {
        var app = Parse<ArgoApplication>("""
            {"status": {"resources": [{"kind": "Deployment", "namespace": "todo", "name": "todo-api", "health": {"status": "Progressing", "message": "Waiting for rollout to finish"}}]}}
            """);

        ArgoReasons.Of(app, null).ShouldBeEmpty();
        ArgoReasons.Of(app, null, notYetHealthy: true).ShouldBe(["Deployment todo/todo-api: Waiting for rollout to finish"]);
    }

    [Fact]
    public void TheSummaryIsOneLineNamingHowManyMoreTheLogHas()
    {
        ArgoReasons.Summary(["a", "b", "c", "d", "e"]).ShouldBe("a; b; c; and 2 more (see the log)");
        ArgoReasons.Summary([]).ShouldBe("no resource reported a reason");
    }
}
