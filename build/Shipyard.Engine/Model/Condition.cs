using System.Linq.Expressions;

namespace Shipyard.Engine;

/// <summary>A boolean expression of the build (OnlyWhen, Requires) with its readable text; compiled only when evaluated.</summary>
internal sealed class Condition(LambdaExpression expression)
{
    private Delegate? _compiled;

    /// <summary>The expression body as the build author wrote it, e.g. <c>VerificationFailed</c>.</summary>
    public string Text { get; } = ExpressionText.Render(expression.Body);

    /// <summary>
    /// Interpretation starts faster than emitting IL, and each condition runs once. A condition that throws (e.g. a
    /// <see cref="UsageException"/> from input validation) throws its own exception, not the reflection wrapper.
    /// </summary>
    public object? Evaluate()
    {
        try
        {
            return (_compiled ??= expression.Compile(preferInterpretation: true)).DynamicInvoke();
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    public bool IsTrue() => Evaluate() is true;
}
