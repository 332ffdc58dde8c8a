using System.Text.Json.Nodes;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>A message as the fake Slack keeps it: where it is, its thread, its current content and every version it had.</summary>
public sealed class SlackMessage(string channel, string ts, string? threadTs, JsonObject content)
{
    public string Channel { get; } = channel;

    public string Ts { get; } = ts;

    /// <summary>The parent's ts for a thread reply; null for a parent.</summary>
    public string? ThreadTs { get; } = threadTs;

    /// <summary>The latest content (text, blocks).</summary>
    public JsonObject Content { get; internal set; } = content;

    /// <summary>Every content it had, first post first.</summary>
    public List<JsonObject> History { get; } = [content];

    /// <summary>The fallback text of the latest content.</summary>
    public string Text => Content["text"]?.GetValue<string>() ?? "";

    /// <summary>The latest blocks as JSON text.</summary>
    public string Blocks => Content["blocks"]?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "";
}
