namespace Shipyard.Delivery.Tests.Catalog;

/// <summary>The real repository's root: the first folder above the test binaries holding Shipyard.slnx.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Shipyard.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Shipyard.slnx above {AppContext.BaseDirectory}: the tests must run from the repository's build output.");
    }
}
