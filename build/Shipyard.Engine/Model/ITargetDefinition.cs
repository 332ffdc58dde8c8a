using System.Linq.Expressions;

namespace Shipyard.Engine;

/// <summary>Fluent description of a target. Every method returns the same definition for chaining.</summary>
public interface ITargetDefinition
{
    /// <summary>One line shown by <c>--help</c>.</summary>
    ITargetDefinition Description(string description);

    /// <summary>Execution dependencies: the given targets join the plan and run before this one.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>Reverse execution dependency: this target joins the plan of the given ones and runs before them.</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>Ordering only: when both are planned, this target runs before the given ones.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>Ordering only: when both are planned, this target runs after the given ones.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>The given targets join the plan and run after this one.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>This target joins the plan whenever one of the given targets does, and runs after it.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Evaluated once before anything runs; false skips this target (its dependencies still run). The expression text is the skip reason.</summary>
    ITargetDefinition OnlyWhenStatic(params Expression<Func<bool>>[] conditions);

    /// <summary>Evaluated just before this target runs; false skips it. The expression text is the skip reason.</summary>
    ITargetDefinition OnlyWhenDynamic(params Expression<Func<bool>>[] conditions);

    /// <summary>Parameters that must have a value before the first target of the plan runs (null, empty string or empty array fail).</summary>
    ITargetDefinition Requires<T>(params Expression<Func<T>>[] parameters);

    /// <summary>Predicates checked for the whole plan before the first target runs.</summary>
    ITargetDefinition Requires(params Expression<Func<bool>>[] conditions);

    /// <summary>The work of the target. Several calls run in order.</summary>
    ITargetDefinition Executes(Action action);

    /// <summary>The work of the target, asynchronous.</summary>
    ITargetDefinition Executes(Func<Task> action);

    /// <summary>The work of the target, with its context (cancellation, output, notes and facts for the summary).</summary>
    ITargetDefinition Executes(Func<TargetContext, Task> action);

    /// <summary>
    /// Fan-out: runs <paramref name="action"/> once per item, in parallel up to <c>--parallelism</c>.
    /// Each item gets its own summary row named by <paramref name="name"/>; one failing item fails the target
    /// but lets the other items finish.
    /// </summary>
    ITargetDefinition ExecutesForEach<T>(Func<IEnumerable<T>> items, Func<T, string> name, Func<T, TargetContext, Task> action);

    /// <summary>When this target fails, the rest of the plan still runs (the build still fails).</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>This target runs even when an earlier target failed or the build was cancelled.</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hidden from <c>--help</c> (still runnable by name).</summary>
    ITargetDefinition Unlisted();
}
