namespace Shipyard.Delivery.GitOps;

/// <summary>Author and committer of deploy commits.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Email">E-mail address.</param>
public sealed record GitIdentity(string Name, string Email)
{
    /// <summary>The identity GitHub Actions' own bot commits with.</summary>
    public static GitIdentity ActionsBot { get; } = new("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com");
}
