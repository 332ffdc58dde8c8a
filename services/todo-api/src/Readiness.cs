namespace TodoApi;

/// <summary>Whether the API should receive traffic (answers <c>/readyz</c>).</summary>
public sealed class Readiness
{
    private volatile bool _ready;

    /// <summary>True between start-up and shutdown.</summary>
    public bool IsReady => _ready;

    /// <summary>Called when the server listens.</summary>
    public void MarkReady() => _ready = true;

    /// <summary>Called when the server starts draining.</summary>
    public void MarkNotReady() => _ready = false;
}
