using System.Text.Json.Nodes;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>What the fake API server answers: an HTTP status and a JSON body (an object or a Status).</summary>
public sealed record KubernetesResult(int StatusCode, JsonNode Body);
