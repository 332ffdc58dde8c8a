namespace Shipyard.Delivery.Provisioning;

/// <summary>
/// Remembers which prerequisite sets were found complete, keyed by the set and the package database's version, so a
/// warm run answers from one small file read instead of running dpkg-query. A few keys are kept because Deploy and
/// Test need different sets and alternate.
/// </summary>
internal sealed class ProvisioningStamp(string? file)
{
    private const int KeptKeys = 8;

    // Plain text rather than a hash: hashing would load the crypto stack (tens of milliseconds) into every warm run.
    public static string Key(IEnumerable<Prerequisite> needed, string? packageDatabaseVersion) =>
        string.Join(' ', needed.Select(p => p.Kind == PrerequisiteKind.AptPackage ? p.Name : $"npm:{p.Name}").Order(StringComparer.Ordinal))
        + " @dpkg:" + (packageDatabaseVersion ?? "none");

    public bool Contains(string key) => Keys().Contains(key);

    public void Add(string key)
    {
        if (file is null || Contains(key)) return;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var keys = Keys().Append(key).TakeLast(KeptKeys);
            var temporary = $"{file}.{Environment.ProcessId}.tmp";
            File.WriteAllLines(temporary, keys);
            File.Move(temporary, file, overwrite: true);
        }
        catch (IOException)
        {
            // The stamp only saves time: a stamp that cannot be written means the next run checks again.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string[] Keys()
    {
        try
        {
            return file is not null && File.Exists(file) ? File.ReadAllLines(file) : [];
        }
        catch (IOException)
        {
            return [];
        }
    }
}
