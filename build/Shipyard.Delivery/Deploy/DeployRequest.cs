using Shipyard.Delivery.Catalog;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Versioning;

namespace Shipyard.Delivery.Deploy;

/// <summary>One deploy: the service, the immutable image to run (an immutable tag and, once pushed, its digest), the build.</summary>
/// <param name="Service">The catalog entry.</param>
/// <param name="Image">What to deploy; <see cref="DeployImages"/> makes sure it is immutable.</param>
/// <param name="Version">The source build (commit, branch, CI run) the image was built from.</param>
public sealed record DeployRequest(Service Service, ImageReference Image, BuildVersion Version);
