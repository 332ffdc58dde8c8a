namespace Shipyard.Engine;

/// <summary>Decides before anything runs which planned targets are skipped, and whether the rest have what they require.</summary>
internal static class SkipRules
{
    /// <summary>Skip reasons by target: <c>--skip</c> first, then false OnlyWhenStatic conditions.</summary>
    public static Dictionary<string, string> Reasons(BuildModel model, ExecutionPlan plan, IReadOnlyList<string>? skip)
    {
        var reasons = new Dictionary<string, string>();
        if (skip is { Count: 0 })
        {
            foreach (var name in plan.Targets.Where(t => !plan.Requested.Contains(t)))
                reasons[name] = "--skip";
        }
        else if (skip is not null)
        {
            foreach (var name in skip)
            {
                var node = model.Find(name)
                    ?? throw new UsageException(Planner.UnknownTarget(name, model.Targets.Where(t => !t.Unlisted).Select(t => t.Name)));
                if (plan.Targets.Contains(node.Name)) reasons[node.Name] = "--skip";
            }
        }
        foreach (var name in plan.Targets.Where(t => !reasons.ContainsKey(t)))
        {
            var failed = model.Get(name).StaticConditions.FirstOrDefault(c => !c.IsTrue());
            if (failed is not null) reasons[name] = $"{failed.Text} is false";
        }
        return reasons;
    }

    /// <summary>Every requirement of every target that will run, checked up front so nothing runs when one is missing.</summary>
    public static void CheckRequirements(BuildModel model, ExecutionPlan plan, IReadOnlyDictionary<string, string> skipReasons)
    {
        var missing = new List<string>();
        foreach (var name in plan.Targets.Where(t => !skipReasons.ContainsKey(t)))
        {
            foreach (var requirement in model.Get(name).Requirements)
            {
                if (IsMet(requirement)) continue;
                var what = requirement.Parameter?.Option ?? requirement.Condition.Text;
                missing.Add($"{name} requires {what}");
            }
        }
        if (missing.Count == 0) return;
        var hint = missing.Any(m => m.Contains(" requires --", StringComparison.Ordinal))
            ? " (give it on the command line, in the environment or in .nuke/parameters.json)"
            : "";
        throw new UsageException(string.Join("; ", missing.Distinct()) + hint + ".");
    }

    private static bool IsMet(Requirement requirement)
    {
        if (requirement.Parameter is not null) return requirement.Parameter.HasValue;
        return requirement.Condition.Evaluate() switch
        {
            null => false,
            bool b => b,
            string s => s.Length > 0,
            Array a => a.Length > 0,
            _ => true,
        };
    }
}
