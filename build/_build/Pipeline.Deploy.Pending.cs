using Shipyard.Delivery.Versioning;
using Shipyard.Engine;

// STAND-INS until the images branch's Pipeline.Images.cs is on main: it declares exactly these two members
// (--registry and Version). DELETE THIS FILE when merging it (the compiler will report both as duplicates).
partial class Pipeline
{
    [Parameter("Registry images are pushed to: host[:port][/namespace]; loopback hosts use plain HTTP")]
    readonly string Registry = "127.0.0.1:5000";

    BuildVersion? _version;

    /// <summary>What is being built: HEAD, its branch and tags, with GitHub Actions' ref and SHA winning in CI.</summary>
    BuildVersion Version => _version ??= BuildVersionFactory.Create(RootDirectory,
        Environment.Where(e => e.Key.StartsWith("GITHUB_", StringComparison.Ordinal)).ToDictionary(), Time.GetUtcNow());
}
