namespace Shipyard.Delivery.Registry;

/// <summary>A user name and password (or token) for one registry. <see cref="ToString"/> never shows the password.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    /// <summary>Where they came from, for messages (e.g. <c>--registry-username</c>, <c>~/.docker/config.json</c>).</summary>
    public string Source { get; init; } = "parameters";

    /// <inheritdoc/>
    public override string ToString() => $"{Username} (from {Source})";
}
