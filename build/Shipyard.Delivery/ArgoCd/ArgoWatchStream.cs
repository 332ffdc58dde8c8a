using System.Net;
using System.Text;
using System.Text.Json;

namespace Shipyard.Delivery.ArgoCd;

/// <summary>
/// Reads Argo CD's application watch. With <c>Accept: text/event-stream</c> the server writes one event per change,
/// <c>data: {"result":{"type":"MODIFIED","application":{...}}}</c> followed by a blank line; without it (or through a
/// gateway that drops the header) one JSON object per line. Both are accepted. A <c>{"error": ...}</c> message ends the
/// stream with an <see cref="ArgoCdApiException"/>.
/// </summary>
internal sealed class ArgoWatchStream(HttpResponseMessage response, Stream body) : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    /// <summary>The next event's application (ADDED or MODIFIED), or null when the server closed the stream.</summary>
    public async Task<ArgoWatchEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line.AsSpan(line.StartsWith("data: ", StringComparison.Ordinal) ? 6 : 5));
                continue;
            }
            if (line.StartsWith('{')) data.Append(line); // newline-delimited JSON: one message per line
            else if (line.Length > 0 || data.Length == 0) continue; // comments (": keep-alive"), event:/id: fields, stray blank lines
            if (Parse(data.ToString()) is { } watchEvent) return watchEvent;
            data.Clear();
        }
        return data.Length > 0 ? Parse(data.ToString()) : null;
    }

    private static ArgoWatchEvent? Parse(string text)
    {
        var message = JsonSerializer.Deserialize<ArgoWatchMessage>(text, Json);
        if (message?.Error is { ValueKind: JsonValueKind.Object } error)
        {
            var detail = error.TryGetProperty("message", out var m) ? m.GetString() : error.GetRawText();
            var code = error.TryGetProperty("http_code", out var c) && c.TryGetInt32(out var http) ? (HttpStatusCode)http : HttpStatusCode.InternalServerError;
            throw new ArgoCdApiException(code, $"the watch stream reported an error: {detail}");
        }
        return message?.Result is { Application: not null } result ? result : null;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
