using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Changes;

/// <summary>
/// The revisions a service's changes are counted from. <see cref="Source"/> governs rebuilds (own folder, shared
/// code, build-wide files); <see cref="Manifest"/> governs deploy-only changes of the manifest folder. They differ
/// when the source base is the deployed commit: the manifest itself records that deploy, so counting its changes
/// since the deployed commit would redeploy on every run.
/// </summary>
/// <param name="Service">The catalog entry.</param>
/// <param name="Source">Base for source, dependency and build-wide rules.</param>
/// <param name="Manifest">Base for the manifest-folder rule.</param>
public sealed record ServiceBase(Service Service, BaseChoice Source, BaseChoice Manifest);
