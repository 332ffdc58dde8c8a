using k8s;
using k8s.Models;

namespace Shipyard.Delivery.Verify;

/// <summary>One resource's list-and-watch, seen without its type parameters.</summary>
internal interface IResourceWatch
{
    /// <summary>The objects as last seen.</summary>
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; }

    /// <summary>A first list has succeeded.</summary>
    bool Listed { get; }

    /// <summary>Why the API server is not answering right now; null when it is.</summary>
    string? Trouble { get; }

    /// <summary>The request the API server denied (403), e.g. <c>watch pods</c>.</summary>
    string? Forbidden { get; }

    /// <summary>Objects seen before that have been deleted.</summary>
    int Deletions { get; }

    /// <summary>Lists and watches until cancelled or forbidden.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
