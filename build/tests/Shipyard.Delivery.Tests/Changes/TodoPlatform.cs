using Shipyard.Delivery.Catalog;

namespace Shipyard.Delivery.Tests.Changes;

/// <summary>A small todo platform: two services sharing a library, each with a kustomize manifest.</summary>
internal static class TodoPlatform
{
    public static Service Service(string name, params string[] dependencies) => new()
    {
        Name = name,
        Directory = $"services/{name}",
        ImageRepository = name,
        Dockerfile = $"services/{name}/Dockerfile",
        Context = $"services/{name}",
        Dependencies = dependencies,
        Manifest = new GitOpsManifest
        {
            Path = $"deploy/applications/{name}/kustomization.yaml",
            ImageName = name,
            Application = name,
        },
        Workload = new KubernetesWorkload { Deployment = name, Container = name },
    };

    public static IReadOnlyList<Service> Catalog() =>
        [Service("todo-api", "libs/todo-shared"), Service("todo-worker", "libs/todo-shared")];

    public static string Kustomization(string name, string tag) =>
        $"""
        resources:
          - deployment.yaml
        images:
          - name: {name}
            newName: registry.local/{name}
            newTag: {tag}
        """;

    /// <summary>A repository with both services, the shared library, manifests and a README; one commit on main.</summary>
    public static GitSandbox Repository()
    {
        var repo = GitSandbox.Init();
        foreach (var name in new[] { "todo-api", "todo-worker" })
        {
            repo.Write($"services/{name}/Dockerfile", "FROM scratch\n")
                .Write($"services/{name}/Program.cs", $"// {name}\n")
                .Write($"deploy/applications/{name}/kustomization.yaml", Kustomization(name, "initial"))
                .Write($"deploy/applications/{name}/deployment.yaml", "kind: Deployment\n");
        }
        repo.Write("libs/todo-shared/Todo.cs", "// shared\n").Write("README.md", "# todo\n").Write("global.json", "{}\n");
        repo.Commit("initial");
        return repo;
    }
}
