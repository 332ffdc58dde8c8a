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

    /// <summary>A full deploy of todo-api (tests, build, push, GitOps commit) with the git-ref deploy lock.</summary>
    public static string[] DeployArgs(Deploy.DeployWorld world, string registry, params string[] more) =>
        ["Deploy", "--service", "todo-api", "--registry", $"{registry}/todo", "--gitops-repository", world.Remote, "--use-sandbox", "false",
            "--deploy-lock", "git-ref", .. more];
}
