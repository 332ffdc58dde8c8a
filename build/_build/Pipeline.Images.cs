using System.Collections.Concurrent;
using Shipyard.Delivery.Images;
using Shipyard.Delivery.Processes;
using Shipyard.Delivery.Records;
using Shipyard.Delivery.Registry;
using Shipyard.Delivery.Versioning;
using Shipyard.Engine;
using CatalogService = Shipyard.Delivery.Catalog.Service;

partial class Pipeline
{
    [Parameter("Registry images are pushed to: host[:port][/namespace]; loopback hosts use plain HTTP")]
    readonly string Registry = "127.0.0.1:5000";

    [Parameter("Image builder: docker, podman or buildah (default: the first that works here)")]
    readonly string? Builder;

    [Parameter("Build argument NAME=value for every image (repeatable), e.g. RUNTIME_IMAGE=127.0.0.1:5000/runtime:1")]
    readonly string[] BuildArg = [];

    [Parameter("Tag scheme when a service has no tags: in service.yaml: sha, semver, branch-sha, sha-latest, metadata-action, or templates like '{{sha7}},latest'")]
    readonly string? TagScheme;

    [Parameter("Registry user name (with --registry-password); default: the docker config's credentials")]
    readonly string? RegistryUsername;

    [Parameter("Registry password or token"), Secret]
    readonly string? RegistryPassword;

    [Parameter("Bump: force a major, minor or patch release instead of reading the commits", Name = "bump")]
    readonly BumpKind? ForcedBump;

    [Parameter("Token that pushes release tags over HTTPS (never written to .git/config)"), Secret]
    readonly string? GitToken;

    [Parameter("Git remote release tags are pushed to")]
    readonly string GitRemote = "origin";

    readonly ConcurrentDictionary<string, BuiltImage> BuiltImages = new();

    Lazy<Task<string>>? _builderName;
    BuildVersion? _version;

    /// <summary>What is being built: HEAD, its branch and tags; in CI the event's ref decides (a branch push is never a release).</summary>
    BuildVersion Version => _version ??= BuildVersionFactory.Create(RootDirectory,
        Environment.Where(e => e.Key.StartsWith("GITHUB_", StringComparison.Ordinal)).ToDictionary(), Time.GetUtcNow(), DefaultBranchName);

    Target Build => _ => _
        .Description("Builds each selected service's container image (prepare command, then docker/podman/buildah)")
        .DependsOn(Test)
        .ExecutesForEach(() => BuildServices, s => s.Name, BuildImageAsync);

    Target Push => _ => _
        .Description("Pushes the images and adds every tag of the tag scheme through the registry API")
        .DependsOn(Build)
        .ExecutesForEach(() => BuildServices, s => s.Name, PushImageAsync);

    Target Bump => _ => _
        .Description("Tags the next semantic version of each service from its conventional commits")
        .ExecutesForEach(() => SelectedServices, s => s.Name, BumpServiceAsync);

    async Task BuildImageAsync(CatalogService service, TargetContext context)
    {
        var runner = Runner(context);
        var builder = ImageBuilders.Create(await DetectBuilderAsync(context), runner);
        var settings = new ImageBuildSettings(RootDirectory, Registry)
        {
            BuildArgs = BuildArgs(),
            TagScheme = TagScheme,
            SourceUrl = CiRun?.RepositoryUrl,
        };
        var started = Time.GetUtcNow();
        var image = await new ServiceImageBuilder(runner, builder, settings).BuildAsync(service, Version, context.CancellationToken);
        BuiltImages[service.Name] = image;
        await RecordAsync(context, service.Name, new BuiltEntry
        {
            Status = StageStatus.Succeeded,
            Started = started,
            Duration = Time.GetUtcNow() - started,
            Image = image.Reference,
            Tags = image.Tags,
            Builder = builder.Name,
            VersionRule = Version.Rule,
            Note = $"{image.Reference} ({builder.Name}), tags: {string.Join(", ", image.Tags)}; {Version.Rule}",
        });
    }

    async Task PushImageAsync(CatalogService service, TargetContext context)
    {
        if (!BuiltImages.TryGetValue(service.Name, out var image))
        {
            context.Skip("not built in this run");
            return;
        }
        var runner = Runner(context);
        var server = Registries.Split(Registry).Server;
        var credentials = await RegistryLogin.ResolveAsync(server, RegistryUsername, RegistryPassword,
            RegistryLogin.DockerConfigPath(Environment), runner, AddSecret, context.CancellationToken);
        var publisher = new ImagePublisher(ImageBuilders.Create(await DetectBuilderAsync(context), runner),
            Registries.Create(server, credentials, Time), credentials, context.Output);
        var started = Time.GetUtcNow();
        var result = await publisher.PushAsync(image, context.CancellationToken);
        if (BuildServices.Count == 1) Host.SetOutput("digest", result.Digest);
        await RecordAsync(context, service.Name, new PushedEntry
        {
            Status = StageStatus.Succeeded,
            Started = started,
            Duration = Time.GetUtcNow() - started,
            Image = result.Image,
            Tags = [result.Image.Tag, .. result.AddedTags, .. result.UnchangedTags],
            AddedTags = result.AddedTags,
            Uploaded = result.Uploaded,
            Note = result.Uploaded
                ? $"pushed {image.Reference.Name}@{result.Digest[..19]}…, {result.AddedTags.Count} more tag(s) added"
                : $"already in the registry, nothing uploaded; {result.AddedTags.Count} tag(s) added",
        });
    }

    Task BumpServiceAsync(CatalogService service, TargetContext context)
    {
        var releaser = new ServiceReleaser(RootDirectory, Time);
        var plan = releaser.Plan(service.Name, [service.Directory, .. service.Dependencies], monorepo: Catalog.Services.Count > 1, ForcedBump);
        if (plan.Next is { } next)
        {
            plan = releaser.Release(plan, GitRemote, GitToken);
            context.Fact("release", plan.Tag!);
            Host.SetOutput($"{service.Name}-version", next.ToString());
        }
        context.Note(plan.Note);
        return Task.CompletedTask;
    }

    /// <summary>Bad image inputs (tag scheme, build args, builder) stop the run with exit 2 before any target runs (Pipeline.Validation.cs).</summary>
    void ValidateImageInputs()
    {
        Shipyard.Delivery.Images.Tags.TagScheme.Parse(TagScheme, "--tag-scheme");
        foreach (var service in SelectedServices.Where(s => s.TagScheme is not null))
            Shipyard.Delivery.Images.Tags.TagScheme.Parse(service.TagScheme, $"{service.Directory}/service.yaml (tags:)");
        BuildArgs();
        if (Builder is not null && !ImageBuilders.Names.Contains(Builder))
            throw new UsageException($"Unknown builder '{UsageException.Escape(Builder)}'. Available: {string.Join(", ", ImageBuilders.Names)}.");
    }

    ProcessRunner Runner(TargetContext context) => ToolRunner(context.Output); // context.Output masks secrets

    Task<string> DetectBuilderAsync(TargetContext context)
    {
        var detect = new Lazy<Task<string>>(() => ImageBuilders.DetectAsync(ToolRunner(Log), Builder, context.CancellationToken));
        return (Interlocked.CompareExchange(ref _builderName, detect, null) ?? detect).Value;
    }

    // NAME is a build ARG name: a letter or '_' first, then letters, digits, '_' (a blank or '=x' would reach the builder).
    Dictionary<string, string> BuildArgs() => BuildArg.ToDictionary(
        a => a.IndexOf('=') is > 0 and var eq && (char.IsAsciiLetter(a[0]) || a[0] == '_') && a[..eq].All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? a[..eq]
            : throw new UsageException($"--build-arg '{UsageException.Escape(a)}' is not NAME=value (NAME: letters, digits, '_')."),
        a => a[(a.IndexOf('=') + 1)..]);
}
