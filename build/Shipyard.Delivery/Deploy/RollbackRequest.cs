using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Images;

namespace Shipyard.Delivery.Deploy;

/// <summary>One rollback: put <see cref="Target"/> back, but only while <see cref="Bad"/> is still what is deployed.</summary>
/// <param name="Service">The catalog entry.</param>
/// <param name="Bad">The version being rolled back (the guard: a newer deploy than this is left alone).</param>
/// <param name="Target">The version to restore, pinned by digest where known.</param>
/// <param name="Reverts">What is undone (a GitOps commit SHA, an SSM command id), for the record and the commit trailer.</param>
public sealed record RollbackRequest(Service Service, ImageReference Bad, ImageReference Target, string? Reverts);
