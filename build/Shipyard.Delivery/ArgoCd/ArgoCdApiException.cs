using System.Net;

namespace Shipyard.Delivery.ArgoCd;

/// <summary>Argo CD answered a request with an error status; the message is the server's (never the token).</summary>
internal sealed class ArgoCdApiException(HttpStatusCode status, string message) : Exception(message)
{
    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>The sync was refused because an operation is running (gRPC FailedPrecondition, HTTP 400).</summary>
    public bool OperationInProgress => Message.Contains("another operation is already in progress", StringComparison.OrdinalIgnoreCase);
}
