namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>One scripted GetCommandInvocation answer of <see cref="FakeSsmApi"/>.</summary>
/// <param name="Status">Invocation status (Pending, InProgress, Success, Failed, TimedOut, Cancelled, …); null = InvocationDoesNotExist.</param>
/// <param name="Stdout">StandardOutputContent.</param>
/// <param name="Stderr">StandardErrorContent.</param>
/// <param name="ResponseCode">The script's exit code.</param>
public sealed record FakeSsmReply(string? Status, string Stdout = "", string Stderr = "", int ResponseCode = 0)
{
    /// <summary>SSM has not registered the invocation yet (HTTP 400, <c>InvocationDoesNotExist</c>).</summary>
    public static FakeSsmReply NotYet { get; } = new((string?)null);

    /// <summary>A status without output.</summary>
    public static FakeSsmReply Of(string status) => new(status);
}
