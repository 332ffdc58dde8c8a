using Build.Tests.Platform;

namespace Build.Tests.Reliability;

/// <summary>
/// todo-api of a world as a tiny image built in a second (busybox from scratch, a prepare that takes no time), with a
/// test command that blocks until killed and, when asked, a RUN step that does too.
/// </summary>
internal static class TinyImageService
{
    /// <summary>Argument of the test command's <c>sleep</c>: unique, so a survivor is found among the machine's processes.</summary>
    public const string TestSleep = "86396";

    /// <summary>Argument of the blocking RUN step's <c>sleep</c>.</summary>
    public const string RunSleep = "86397";

    /// <summary>What the blocking RUN step prints once it runs (its command line, echoed by buildah, does not contain it).</summary>
    public const string RunStepStarted = "run-step-42";

    public static void Write(TempRoot root, bool blockingRunStep = false)
    {
        root.File("services/todo-api/service.yaml", $"""
            prepare: mkdir -p .publish && echo hello > .publish/app.txt
            test: "echo $$ > test.pid && exec sleep {TestSleep}"
            deploy:
              strategy: gitops
            """);
        root.File("services/todo-api/.dockerignore", "*\n!.publish/\n!busybox\n");
        File.Copy("/bin/busybox", Path.Combine(root.Path, "services", "todo-api", "busybox"));
        root.File("services/todo-api/Dockerfile", """
            FROM scratch
            COPY busybox /bin/busybox
            COPY .publish/ /app/
            """ + (blockingRunStep ? $"\nRUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo run-step-$((40+2)); /bin/busybox sleep {RunSleep}\"]\n" : "\n"));
    }

    /// <summary>
    /// The environment of a run whose buildah keeps its images and working containers in the world (vfs, no mounts):
    /// what an interrupted build leaves there is the world's, not the machine's shared store.
    /// </summary>
    public static Dictionary<string, string> Environment(Deploy.DeployWorld world)
    {
        var store = Directory.CreateDirectory(Path.Combine(world.Root, "buildah")).FullName;
        var conf = Path.Combine(store, "storage.conf");
        File.WriteAllText(conf, $"[storage]\ndriver = \"vfs\"\ngraphroot = \"{store}/root\"\nrunroot = \"{store}/run\"\n");
        return new(world.Environment()) { ["CONTAINERS_STORAGE_CONF"] = conf };
    }

    /// <summary>Buildah's working containers in the world's store (an interrupted build may leave some).</summary>
    public static IReadOnlyList<string> WorkingContainers(Deploy.DeployWorld world) =>
        Buildah(world, "containers", "--quiet").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Removes the world store's working containers, so the world's folder can be deleted.</summary>
    public static void RemoveWorkingContainers(Deploy.DeployWorld world)
    {
        if (Directory.Exists(Path.Combine(world.Root, "buildah"))) Buildah(world, "rm", "--all");
    }

    private static string Buildah(Deploy.DeployWorld world, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("buildah", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["CONTAINERS_STORAGE_CONF"] = Path.Combine(world.Root, "buildah", "storage.conf");
        using var buildah = System.Diagnostics.Process.Start(start)!;
        var output = buildah.StandardOutput.ReadToEnd();
        buildah.StandardError.ReadToEnd();
        buildah.WaitForExit();
        return output;
    }

    /// <summary>A full deploy of todo-api (tests, build, push, GitOps commit) with the git-ref deploy lock.</summary>
    public static string[] DeployArgs(Deploy.DeployWorld world, string registry, params string[] more) =>
        ["Deploy", "--service", "todo-api", "--registry", $"{registry}/todo", "--gitops-repository", world.Remote, "--use-sandbox", "false",
            "--deploy-lock", "git-ref", .. more];
}
