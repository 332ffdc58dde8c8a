using System.Linq.Expressions;

namespace Shipyard.Engine;

/// <summary>Collects what a <see cref="Target"/> delegate declares; the model builder turns it into a <see cref="TargetNode"/>.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    public string? DescriptionText { get; private set; }
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<LambdaExpression> StaticConditions { get; } = [];
    public List<LambdaExpression> DynamicConditions { get; } = [];
    public List<LambdaExpression> RequiredValues { get; } = [];
    public List<LambdaExpression> RequiredConditions { get; } = [];
    public List<Func<TargetContext, Task>> Actions { get; } = [];
    public List<FanOut> FanOuts { get; } = [];
    public bool IsProceedAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsUnlisted { get; private set; }

    public ITargetDefinition Description(string description) => Do(() => DescriptionText = description);
    public ITargetDefinition DependsOn(params Target[] targets) => Do(() => DependsOnTargets.AddRange(targets));
    public ITargetDefinition DependentFor(params Target[] targets) => Do(() => DependentForTargets.AddRange(targets));
    public ITargetDefinition Before(params Target[] targets) => Do(() => BeforeTargets.AddRange(targets));
    public ITargetDefinition After(params Target[] targets) => Do(() => AfterTargets.AddRange(targets));
    public ITargetDefinition Triggers(params Target[] targets) => Do(() => TriggersTargets.AddRange(targets));
    public ITargetDefinition TriggeredBy(params Target[] targets) => Do(() => TriggeredByTargets.AddRange(targets));
    public ITargetDefinition OnlyWhenStatic(params Expression<Func<bool>>[] conditions) => Do(() => StaticConditions.AddRange(conditions));
    public ITargetDefinition OnlyWhenDynamic(params Expression<Func<bool>>[] conditions) => Do(() => DynamicConditions.AddRange(conditions));
    public ITargetDefinition Requires<T>(params Expression<Func<T>>[] parameters) => Do(() => RequiredValues.AddRange(parameters));
    public ITargetDefinition Requires(params Expression<Func<bool>>[] conditions) => Do(() => RequiredConditions.AddRange(conditions));

    public ITargetDefinition Executes(Action action) => Do(() => Actions.Add(_ => { action(); return Task.CompletedTask; }));
    public ITargetDefinition Executes(Func<Task> action) => Do(() => Actions.Add(_ => action()));
    public ITargetDefinition Executes(Func<TargetContext, Task> action) => Do(() => Actions.Add(action));

    public ITargetDefinition ExecutesForEach<T>(Func<IEnumerable<T>> items, Func<T, string> name, Func<T, TargetContext, Task> action) =>
        Do(() => FanOuts.Add(new FanOut(
            () => [.. items().Select(item => new FanOutItem(name(item), context => action(item, context)))])));

    public ITargetDefinition ProceedAfterFailure() => Do(() => IsProceedAfterFailure = true);
    public ITargetDefinition AssuredAfterFailure() => Do(() => IsAssuredAfterFailure = true);
    public ITargetDefinition Unlisted() => Do(() => IsUnlisted = true);

    private TargetDefinition Do(Action change)
    {
        change();
        return this;
    }
}
