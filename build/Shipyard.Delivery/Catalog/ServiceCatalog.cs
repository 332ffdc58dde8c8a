using Shipyard.Engine;

namespace Shipyard.Delivery.Catalog;

/// <summary>
/// The services of the monorepo. Convention over configuration: every folder directly under <c>services/</c>
/// holding a <c>Dockerfile</c> (or a <c>service.yaml</c>) is a service named after the folder; its image,
/// Kubernetes names, Argo CD application and manifest path follow from that name unless <c>service.yaml</c>
/// overrides them. Loaded once per build, before any target runs; a mistake is a one-line
/// <see cref="UsageException"/> naming the file and line.
/// </summary>
public sealed class ServiceCatalog
{
    private ServiceCatalog(IReadOnlyList<Service> services) => Services = services;

    /// <summary>Every service, ordered by name.</summary>
    public IReadOnlyList<Service> Services { get; }

    /// <summary>Reads the services under <c>&lt;rootDirectory&gt;/services</c>; no folder means no services.</summary>
    public static ServiceCatalog Load(string rootDirectory)
    {
        var servicesRoot = Path.Combine(rootDirectory, ServiceFactory.ServicesFolder);
        if (!Directory.Exists(servicesRoot)) return new ServiceCatalog([]);

        var services = new List<Service>();
        foreach (var folder in Directory.EnumerateDirectories(servicesRoot).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            var settingsFile = Path.Combine(folder, ServiceFile.Name);
            var hasSettings = File.Exists(settingsFile);
            if (!hasSettings && !File.Exists(Path.Combine(folder, "Dockerfile"))) continue; // shared code, not a service
            var display = $"{ServiceFactory.ServicesFolder}/{name}";
            if (!CatalogNames.IsLabel(name))
                throw new UsageException($"{display}: invalid service name '{name}': the folder name must be a DNS-1123 label ({CatalogNames.LabelRule})");

            var settingsPath = $"{display}/{ServiceFile.Name}";
            var settings = hasSettings ? ServiceFile.Parse(settingsPath, File.ReadAllText(settingsFile)) : ServiceSettings.None;
            var service = ServiceFactory.Create(rootDirectory, name, settings, settingsPath);
            if (!File.Exists(Path.Combine(rootDirectory, service.Dockerfile)))
                throw new UsageException($"{display}: no Dockerfile (expected {service.Dockerfile}, or set 'dockerfile' in {settingsPath})");
            services.Add(service);
        }
        return new ServiceCatalog(services);
    }

    /// <summary>
    /// The services named in <paramref name="names"/> (each may be a comma-separated list), in catalog order;
    /// every service when none is named. An unknown name is a <see cref="UsageException"/> listing the available ones.
    /// </summary>
    public IReadOnlyList<Service> Select(IEnumerable<string> names)
    {
        var wanted = names
            .SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0) return Services;
        foreach (var name in wanted.Order(StringComparer.Ordinal))
            if (Services.All(s => s.Name != name))
                throw new UsageException($"Unknown service '{name}'. Available: {Available()}");
        return [.. Services.Where(s => wanted.Contains(s.Name))];
    }

    /// <summary>The service called <paramref name="name"/>, or null.</summary>
    public Service? Find(string name) => Services.FirstOrDefault(s => s.Name == name);

    /// <summary>The service names, comma-separated (for messages and <c>--help</c>).</summary>
    public string Available() => Services.Count == 0 ? "(none: add a folder with a Dockerfile under services/)" : string.Join(", ", Services.Select(s => s.Name));
}
