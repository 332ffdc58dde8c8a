using System.Linq.Expressions;
using System.Reflection;

namespace Shipyard.Engine;

/// <summary>
/// The one place that uses reflection: finds the <see cref="Target"/> properties and <see cref="ParameterAttribute"/>
/// members of a build class and turns them into a <see cref="BuildModel"/> of plain data and delegates.
/// </summary>
internal static class ModelBuilder
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static BuildModel Build(BuildBase build, IReadOnlyList<string> defaultTargets)
    {
        var parameters = DiscoverParameters(build);
        var declared = Hierarchy(build.GetType())
            .SelectMany(t => t.GetProperties(Members))
            .Where(p => p.PropertyType == typeof(Target) && p.GetIndexParameters().Length == 0)
            .Select(p => (p.Name, Target: (Target)p.GetValue(build)!))
            .ToList();

        // A Target property returns a new delegate on every call, but always over the same lambda method.
        var names = declared.ToDictionary(d => d.Target.Method, d => d.Name);
        string NameOf(Target target) => names.TryGetValue(target.Method, out var name)
            ? name
            : throw new InvalidOperationException($"A target refers to a Target that is not a property of {build.GetType().Name}.");
        string[] Names(List<Target> targets) => [.. targets.Select(NameOf)];

        var targets = declared.Select((d, index) =>
        {
            var definition = new TargetDefinition();
            d.Target(definition);
            var edges = new PlanNode(d.Name)
            {
                DependsOn = Names(definition.DependsOnTargets),
                DependentFor = Names(definition.DependentForTargets),
                Before = Names(definition.BeforeTargets),
                After = Names(definition.AfterTargets),
                Triggers = Names(definition.TriggersTargets),
                TriggeredBy = Names(definition.TriggeredByTargets),
            };
            return new TargetNode(d.Name, index, definition.DescriptionText, edges)
            {
                StaticConditions = [.. definition.StaticConditions.Select(c => new Condition(c))],
                DynamicConditions = [.. definition.DynamicConditions.Select(c => new Condition(c))],
                Requirements =
                [
                    .. definition.RequiredValues.Select(r => new Requirement(new Condition(r), FindParameter(parameters, r.Body))),
                    .. definition.RequiredConditions.Select(r => new Requirement(new Condition(r), null)),
                ],
                Actions = definition.Actions,
                FanOuts = definition.FanOuts,
                ProceedAfterFailure = definition.IsProceedAfterFailure,
                AssuredAfterFailure = definition.IsAssuredAfterFailure,
                Unlisted = definition.IsUnlisted,
            };
        }).ToList();

        return new BuildModel(targets, parameters, defaultTargets);
    }

    /// <summary>Identifies the compiled build and engine: equal fingerprints mean equal targets and parameters.</summary>
    public static string Fingerprint(BuildBase build) =>
        $"{build.GetType().Assembly.ManifestModule.ModuleVersionId}/{typeof(BuildBase).Assembly.ManifestModule.ModuleVersionId}/{build.GetType().FullName}";

    private static ParameterDescriptor? FindParameter(IReadOnlyList<ParameterDescriptor> parameters, Expression body) =>
        body is MemberExpression member ? parameters.FirstOrDefault(p => p.MemberName == member.Member.Name) : null;

    private static List<ParameterDescriptor> DiscoverParameters(BuildBase build)
    {
        var result = new List<ParameterDescriptor>();
        foreach (var type in Hierarchy(build.GetType()))
        {
            foreach (var field in type.GetFields(Members))
            {
                var attribute = field.GetCustomAttribute<ParameterAttribute>();
                if (attribute is null) continue;
                // Readonly fields are set too: the parameter's initializer is its default value.
                result.Add(Describe(field.Name, field.FieldType, attribute, field.IsDefined(typeof(SecretAttribute)),
                    () => field.GetValue(build), value => field.SetValue(build, value)));
            }
            foreach (var property in type.GetProperties(Members))
            {
                var attribute = property.GetCustomAttribute<ParameterAttribute>();
                if (attribute is null) continue;
                var backing = type.GetField($"<{property.Name}>k__BackingField", Members);
                Action<object?> set = property.SetMethod is not null
                    ? value => property.SetValue(build, value)
                    : backing is not null
                        ? value => backing.SetValue(build, value)
                        : throw new InvalidOperationException($"Parameter {property.Name} has no setter and no backing field.");
                result.Add(Describe(property.Name, property.PropertyType, attribute, property.IsDefined(typeof(SecretAttribute)),
                    () => property.GetValue(build), set));
            }
        }
        return result;
    }

    private static ParameterDescriptor Describe(string member, Type type, ParameterAttribute attribute, bool secret,
        Func<object?> get, Action<object?> set) =>
        new(member, attribute.Name ?? NameConvention.ToOption(member), type, attribute.Description, secret, get, set);

    /// <summary>Base classes first, so inherited targets and parameters come before the build's own.</summary>
    private static IEnumerable<Type> Hierarchy(Type type)
    {
        var chain = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(BuildBase) && t != typeof(object); t = t.BaseType)
            chain.Push(t);
        return chain;
    }
}
