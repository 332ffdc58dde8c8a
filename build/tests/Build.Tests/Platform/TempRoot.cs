namespace Build.Tests.Platform;

/// <summary>A throwaway repository root for CLI tests (use with <c>--root</c>); deleted on dispose.</summary>
internal sealed class TempRoot : IDisposable
{
    public TempRoot() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "shipyard-cli-" + Guid.NewGuid().ToString("N"));

    /// <summary>The real repository: the first folder above the test binaries holding Shipyard.slnx.</summary>
    public static string Repository { get; } = FindRepository();

    /// <summary>Writes <paramref name="text"/> at the root-relative <paramref name="path"/>.</summary>
    public TempRoot File(string path, string text = "")
    {
        var full = System.IO.Path.Combine(Path, path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, text);
        return this;
    }

    /// <summary>True when the root-relative file exists.</summary>
    public bool Exists(string path) => System.IO.File.Exists(System.IO.Path.Combine(Path, path));

    /// <summary>Copies the sample platform (services, manifests, root props) of the real repository here.</summary>
    public TempRoot CopySamplePlatform()
    {
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
            System.IO.File.Copy(System.IO.Path.Combine(Repository, file), System.IO.Path.Combine(Path, file));
        foreach (var folder in new[] { "services", "deploy" })
            Copy(System.IO.Path.Combine(Repository, folder), System.IO.Path.Combine(Path, folder));
        return this;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) System.IO.File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from))
            if (System.IO.Path.GetFileName(dir) is not ("bin" or "obj" or ".publish")) Copy(dir, System.IO.Path.Combine(to, System.IO.Path.GetFileName(dir)));
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Shipyard.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Shipyard.slnx above {AppContext.BaseDirectory}.");
    }
}
