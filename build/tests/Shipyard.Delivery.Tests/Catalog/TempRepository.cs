namespace Shipyard.Delivery.Tests.Catalog;

/// <summary>A throwaway repository root on disk for catalog tests; deleted on dispose.</summary>
internal sealed class TempRepository : IDisposable
{
    public TempRepository() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "shipyard-catalog-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="text"/> at the repo-relative <paramref name="path"/>.</summary>
    public TempRepository File(string path, string text = "")
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, text);
        return this;
    }

    /// <summary>Creates <c>services/&lt;name&gt;/Dockerfile</c>, plus a service.yaml when given.</summary>
    public TempRepository Service(string name, string? serviceYaml = null)
    {
        File($"services/{name}/Dockerfile", "FROM scratch\n");
        if (serviceYaml is not null) File($"services/{name}/service.yaml", serviceYaml);
        return this;
    }

    /// <summary>Copies the real repository's <paramref name="folders"/> into this root.</summary>
    public TempRepository CopyFromRepository(params string[] folders)
    {
        foreach (var folder in folders) Copy(Path.Combine(RepositoryRoot.Path, folder), Path.Combine(Root, folder));
        return this;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) System.IO.File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from))
            if (Path.GetFileName(dir) is not ("bin" or "obj" or ".publish")) Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
