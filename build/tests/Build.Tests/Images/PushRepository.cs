using System.Diagnostics;

namespace Build.Tests.Images;

/// <summary>
/// A throwaway repository root for CLI runs: <c>.nuke/</c>, one service <c>services/todo-api</c> whose Dockerfile takes
/// its base from <c>RUNTIME_IMAGE</c> and whose prepare command writes what it copies, committed and tagged
/// <c>todo-api/v1.2.3</c>. Runs the compiled build (<c>_build.dll</c>) against it as a separate process.
/// </summary>
public sealed class PushRepository : IDisposable
{
    public PushRepository()
    {
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
        File.WriteAllText(Path.Combine(Root, ".nuke", "parameters.json"), "{}\n");
        var service = Path.Combine(Root, "services", "todo-api");
        Directory.CreateDirectory(service);
        File.WriteAllText(Path.Combine(service, "Dockerfile"), "ARG RUNTIME_IMAGE\nFROM ${RUNTIME_IMAGE}\nCOPY .publish/ /app/\n");
        File.WriteAllText(Path.Combine(service, "service.yaml"), "prepare: mkdir -p .publish && echo hello > .publish/app.txt\n");
        File.WriteAllText(Path.Combine(Root, ".gitignore"), ".publish/\n.nuke/temp/\n");
        Run("git", Root, "init", "-q", "-b", "main");
        Run("git", Root, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A");
        Run("git", Root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "feat: todo-api");
        Run("git", Root, "-c", "user.name=t", "-c", "user.email=t@t", "tag", "-a", "todo-api/v1.2.3", "-m", "release");
        Sha = Run("git", Root, "rev-parse", "HEAD").Output.Trim();
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("push-cli-").FullName;

    public string Sha { get; }

    /// <summary>Builds <c>FROM scratch</c> + busybox with buildah and pushes it to <paramref name="registry"/>; returns the reference.</summary>
    public string PushBase(string registry) => PushBase(registry, Path.Combine(Root, "..", Path.GetFileName(Root) + "-base"));

    /// <summary>The same, built in <paramref name="context"/> (a folder the caller deletes).</summary>
    public static string PushBase(string registry, string context)
    {
        Directory.CreateDirectory(context);
        File.Copy("/bin/busybox", Path.Combine(context, "busybox"), overwrite: true);
        File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n");
        var image = $"{registry}/base:1";
        Run("buildah", context, "bud", "--isolation", "chroot", "-q", "-t", image, ".");
        Run("buildah", context, "push", "-q", "--tls-verify=false", image, $"docker://{image}");
        return image;
    }

    /// <summary>Runs the build CLI with <paramref name="args"/> in this root.</summary>
    // The build's own output folder: the test folder also holds _build.dll, but without the assemblies that the test
    // host takes from the ASP.NET Core shared framework (the fakes need it), which the build's runtime does not have.
    public (int ExitCode, string Output) Build(params string[] args) =>
        Run("dotnet", Root, false, [BuildDll, .. args, "--root", Root, "--no-logo"]);

    private static readonly string BuildDll = Path.Combine(Platform.TempRoot.Repository, "build", "_build", "bin", "Debug", "net10.0", "_build.dll");

    /// <summary>Runs git in the root (with an identity, as CI would configure one).</summary>
    public string Git(params string[] args) => Run("git", Root, ["-c", "user.name=t", "-c", "user.email=t@t", .. args]).Output.Trim();

    private static (int ExitCode, string Output) Run(string program, string directory, params string[] args) => Run(program, directory, true, args);

    private static (int ExitCode, string Output) Run(string program, string directory, bool check, string[] args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        if (check && process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {output}");
        return (process.ExitCode, output);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, true); } catch (IOException) { }
        try { Directory.Delete(Root + "-base", true); } catch (IOException) { }
    }
}
