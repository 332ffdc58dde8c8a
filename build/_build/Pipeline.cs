using System.Linq.Expressions;
using Shipyard.Engine;

/// <summary>
/// The todo platform's pipeline: Test → Build → Push → Deploy → Verify (→ Rollback), per service.
/// Targets only compose delivery components; each stage lives in its own Pipeline.*.cs partial.
/// (NUKE calls this class Build; here a target is named Build, and C# forbids a member named like its class.)
/// </summary>
sealed partial class Pipeline : BuildBase
{
    public static Task<int> Main(string[] args)
    {
        StartupProfile.Start(args);
        return Execute<Pipeline>(args, DefaultTarget);
    }

    /// <summary>The target run when none is named; CLI tests run the pipeline in-process with the same default.</summary>
    internal static readonly Expression<Func<Pipeline, Target>> DefaultTarget = x => x.Test;

    [Parameter("Services to work on (repeat or comma-separate); default: every service", Name = "service")]
    readonly string[] ServiceNames = [];
}
