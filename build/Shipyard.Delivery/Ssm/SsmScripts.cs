using System.Globalization;
using static Shipyard.Delivery.Ssm.ShellQuote;

namespace Shipyard.Delivery.Ssm;

/// <summary>
/// The sh scripts sent through AWS-RunShellScript. Every value that comes from outside is validated first and then
/// single-quoted here: none is ever interpolated unquoted.
/// </summary>
internal static class SsmScripts
{
    public const string ScriptKey = "deploy.sh";
    public const string OutputPrefix = "output";
    public const string RequestTimeout = "--request-timeout=30s";

    /// <summary>Download the script from the bucket and run it on the bundle.</summary>
    public static IReadOnlyList<string> Deploy(SsmDeployRequest request, string kind, string bucket, string region)
    {
        var args = new List<string>
        {
            "-a", $"s3://{bucket}/{ManifestBundle.FileName}", "-r", region, "-n", request.Namespace, "-k", kind,
            "-d", request.WorkloadName, "-c", request.Container,
            "-t", ((long)Math.Ceiling(request.RolloutTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s",
        };
        if (request.Image.Digest is { } digest) args.AddRange(["-g", digest]);
        if (!request.ScriptUndoesFailedRollout) args.Add("-N");
        args.AddRange([request.Service, request.Image.Name, request.Image.Tag]);
        return
        [
            "set -eu",
            "work=\"$(mktemp -d)\"",
            "trap 'rm -rf \"$work\"' EXIT",
            $"aws s3 cp --only-show-errors --region {Quote(region)} {Quote($"s3://{bucket}/{ScriptKey}")} \"$work/deploy.sh\"",
            $"bash \"$work/deploy.sh\" {Join(args)}",
        ];
    }

    /// <summary>The workload, its ReplicaSets and pods (by the workload's selector) and the namespace's events, each gzip+base64 on one marked line.</summary>
    public static IReadOnlyList<string> ReadCluster(string ns, string kind, string name)
    {
        var selector = "{{range $k, $v := .spec.selector.matchLabels}}{{$k}}={{$v}},{{end}}";
        return
        [
            "set -eu",
            "w=\"$(mktemp -d)\"",
            "trap 'rm -rf \"$w\"' EXIT",
            $"kubectl get {Quote(kind)} {Quote(name)} -n {Quote(ns)} -o json {RequestTimeout} > \"$w/workload\"",
            $"sel=\"$(kubectl get {Quote(kind)} {Quote(name)} -n {Quote(ns)} {RequestTimeout} -o go-template={Quote(selector)})\"",
            "sel=\"${sel%,}\"",
            $"kubectl get replicasets -n {Quote(ns)} -l \"$sel\" -o json {RequestTimeout} > \"$w/replicasets\"",
            $"kubectl get pods -n {Quote(ns)} -l \"$sel\" -o json {RequestTimeout} > \"$w/pods\"",
            $"kubectl get events -n {Quote(ns)} -o json {RequestTimeout} > \"$w/events\"",
            // Inline output stops at 24,000 characters; compressed, the JSON fits many times over.
            "for part in workload replicasets pods events; do printf 'shipyard:%s:' \"$part\"; gzip -c \"$w/$part\" | base64 | tr -d '\\n'; echo; done",
        ];
    }

    /// <summary><c>kubectl rollout undo</c> only while a container of the workload still runs <paramref name="guardImage"/>.</summary>
    public static IReadOnlyList<string> Rollback(string ns, string kind, string name, string guardImage) =>
    [
        "set -eu",
        $"guard={Quote(guardImage)}",
        $"images=\"$(kubectl get {Quote(kind)} {Quote(name)} -n {Quote(ns)} {RequestTimeout} -o jsonpath='{{.spec.template.spec.containers[*].image}}')\"",
        "echo \"shipyard:live:$images\"",
        "case \" $images \" in",
        $"  *\" $guard \"*) kubectl rollout undo {Quote($"{kind}/{name}")} -n {Quote(ns)} {RequestTimeout}; echo 'shipyard:rollback:done' ;;",
        "  *) echo 'shipyard:rollback:skipped' ;;",
        "esac",
    ];
}
