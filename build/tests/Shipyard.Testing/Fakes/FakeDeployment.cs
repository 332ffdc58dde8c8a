using System.Text.Json.Nodes;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>A deployment <see cref="FakeGitHubApi"/> created: the request body and the statuses posted to it, in order.</summary>
public sealed class FakeDeployment(long id, string repository, JsonObject request)
{
    public long Id { get; } = id;

    public string Repository { get; } = repository;

    /// <summary>The body of <c>POST /repos/{o}/{r}/deployments</c>.</summary>
    public JsonObject Request { get; } = request;

    /// <summary>The bodies of <c>POST …/deployments/{id}/statuses</c>.</summary>
    public List<JsonObject> Statuses { get; } = [];

    /// <summary>The states posted, e.g. <c>in_progress, success</c>.</summary>
    public IReadOnlyList<string> States => [.. Statuses.Select(s => s["state"]!.GetValue<string>())];
}
