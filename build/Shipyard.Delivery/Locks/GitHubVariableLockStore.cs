using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shipyard.Engine;

namespace Shipyard.Delivery.Locks;

/// <summary>
/// The seed pipeline's lock, kept for compatibility: a GitHub Actions repository variable (default <c>ARGOCD_LOCK</c>)
/// holding <c>null</c> when free and <c>&lt;app&gt;-&lt;run&gt;</c> when held. RACY: the API has no compare-and-swap, so
/// taking it is read-then-write and two runs can both "win". A re-read after <c>verifyDelay</c> catches a writer that
/// came in during the delay (the narrowing), not one that writes after the re-read. Expiry uses the variable's
/// <c>updated_at</c>, which renewals move forward.
/// </summary>
internal sealed class GitHubVariableLockStore(
    HttpClient http, Uri apiUrl, string repository, string token, string variable, TimeSpan ttl, TimeSpan? verifyDelay, TimeProvider time)
    : ILockStore
{
    private const string Free = "null";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <inheritdoc />
    public bool IsAtomic => false;

    /// <inheritdoc />
    public string Describe(string key) => $"GitHub variable {variable} of {repository}";

    /// <inheritdoc />
    public async Task<LockRecord?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"repos/{repository}/actions/variables/{variable}", null, cancellationToken, allowNotFound: true);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var found = await response.Content.ReadFromJsonAsync<Variable>(Json, cancellationToken)
            ?? throw new BuildFailedException($"GitHub returned an empty variable {variable}.");
        var holder = found.Value is Free or "" ? null : found.Value;
        return new LockRecord(holder, found.UpdatedAt, ttl, found.UpdatedAt.ToString("O"), $"{found.Value}@{found.UpdatedAt:O}");
    }

    /// <inheritdoc />
    public async Task<LockRecord?> TryCreateAsync(string key, LockClaim claim, CancellationToken cancellationToken)
    {
        // Creating the variable is the one atomic step GitHub offers (409 when it exists).
        using var response = await SendAsync(HttpMethod.Post, $"repos/{repository}/actions/variables",
            new { name = variable, value = Value(key, claim) }, cancellationToken, allowConflict: true);
        return response.StatusCode == HttpStatusCode.Conflict ? null : await VerifyAsync(key, Value(key, claim), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<LockRecord?> TryTakeOverAsync(string key, LockRecord current, LockClaim claim, CancellationToken cancellationToken)
    {
        await WriteAsync(Value(key, claim), cancellationToken); // check-then-set: the check was the caller's read
        return await VerifyAsync(key, Value(key, claim), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<LockRecord?> TryRenewAsync(string key, LockRecord held, LockClaim claim, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(key, cancellationToken);
        if (current?.Holder != held.Holder) return null;
        await WriteAsync(held.Holder!, cancellationToken);
        return await ReadAsync(key, cancellationToken) is { } renewed && renewed.Holder == held.Holder ? renewed : null;
    }

    /// <inheritdoc />
    public async Task<bool> TryReleaseAsync(string key, LockRecord held, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(key, cancellationToken);
        if (current?.Holder != held.Holder) return false;
        await WriteAsync(Free, cancellationToken);
        return true;
    }

    private async Task<LockRecord?> VerifyAsync(string key, string value, CancellationToken cancellationToken)
    {
        if (verifyDelay is not { } delay)
        {
            // The seed's behaviour: a write is taken as success without looking again.
            var now = time.GetUtcNow();
            return new LockRecord(value, now, ttl, now.ToString("O"), $"{value}@{now:O}");
        }
        if (delay > TimeSpan.Zero) await Task.Delay(delay, time, cancellationToken);
        var after = await ReadAsync(key, cancellationToken);
        return after?.Holder == value ? after : null; // someone wrote over us during the delay: they keep it
    }

    private async Task WriteAsync(string value, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(HttpMethod.Patch, $"repos/{repository}/actions/variables/{variable}",
            new { name = variable, value }, cancellationToken);
    }

    private static string Value(string key, LockClaim claim) => $"{key}-{claim.Holder}";

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, object? body, CancellationToken cancellationToken, bool allowNotFound = false, bool allowConflict = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(apiUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.UserAgent.ParseAdd("shipyard");
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
            || (allowConflict && response.StatusCode == HttpStatusCode.Conflict))
            return response;
        using (response)
        {
            var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Replace(token, "***", StringComparison.Ordinal);
            var hint = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => " Check --github-token.",
                HttpStatusCode.Forbidden or HttpStatusCode.NotFound => " The token needs 'variables: write' on the repository.",
                _ => "",
            };
            throw new BuildFailedException(
                $"GitHub refused {method} of variable {variable} in {repository} ({(int)response.StatusCode}: {text.ReplaceLineEndings(" ").Trim()}).{hint}");
        }
    }

    private sealed record Variable(string Name, string Value, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
}
