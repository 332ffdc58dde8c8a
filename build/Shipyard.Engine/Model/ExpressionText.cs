using System.Linq.Expressions;

namespace Shipyard.Engine;

/// <summary>
/// Renders a condition's expression as the author wrote it (<c>VerificationFailed</c>, <c>Service.Length &gt; 0</c>),
/// because the text is what the user reads as a skip reason or a failed requirement.
/// </summary>
internal static class ExpressionText
{
    public static string Render(Expression expression) => expression switch
    {
        // Members of the build instance or of a closure read as the bare member name.
        MemberExpression { Expression: null or ConstantExpression } m => m.Member.Name,
        MemberExpression { Expression: MemberExpression { Expression: ConstantExpression } inner } m
            when inner.Member.Name.StartsWith("<>", StringComparison.Ordinal) || IsClosureField(inner) => m.Member.Name,
        MemberExpression m => $"{Render(m.Expression!)}.{m.Member.Name}",
        ConstantExpression { Value: null } => "null",
        ConstantExpression { Value: string s } => $"\"{s}\"",
        ConstantExpression { Value: bool b } => b ? "true" : "false",
        ConstantExpression c => Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
        UnaryExpression { NodeType: ExpressionType.Not } u => $"!{Wrap(u.Operand)}",
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u => Render(u.Operand),
        UnaryExpression { NodeType: ExpressionType.ArrayLength } u => $"{Render(u.Operand)}.Length",
        BinaryExpression b => $"{Wrap(b.Left)} {Operator(b.NodeType)} {Wrap(b.Right)}",
        // Implicit conversions (e.g. array to span for Contains) are invisible in the source.
        MethodCallExpression { Method.Name: "op_Implicit", Arguments.Count: 1 } call => Render(call.Arguments[0]),
        MethodCallExpression call => RenderCall(call),
        ConditionalExpression c => $"{Wrap(c.Test)} ? {Wrap(c.IfTrue)} : {Wrap(c.IfFalse)}",
        _ => expression.ToString(),
    };

    private static bool IsClosureField(MemberExpression m) =>
        m.Member.DeclaringType?.Name.Contains("DisplayClass", StringComparison.Ordinal) == true;

    private static string RenderCall(MethodCallExpression call)
    {
        var args = call.Arguments.Select(Render).ToList();
        var isExtension = call.Object is null && call.Method.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute), false);
        if (isExtension)
            return $"{Wrap(call.Arguments[0])}.{call.Method.Name}({string.Join(", ", args.Skip(1))})";
        var target = call.Object is null
            ? call.Method.DeclaringType?.Name
            : call.Object is ConstantExpression ? null : Wrap(call.Object);
        var prefix = target is null ? "" : target + ".";
        return $"{prefix}{call.Method.Name}({string.Join(", ", args)})";
    }

    private static string Wrap(Expression e) =>
        e is BinaryExpression or ConditionalExpression ? $"({Render(e)})" : Render(e);

    private static string Operator(ExpressionType type) => type switch
    {
        ExpressionType.Equal => "==",
        ExpressionType.NotEqual => "!=",
        ExpressionType.GreaterThan => ">",
        ExpressionType.GreaterThanOrEqual => ">=",
        ExpressionType.LessThan => "<",
        ExpressionType.LessThanOrEqual => "<=",
        ExpressionType.AndAlso => "&&",
        ExpressionType.OrElse => "||",
        ExpressionType.And => "&",
        ExpressionType.Or => "|",
        ExpressionType.Add => "+",
        ExpressionType.Subtract => "-",
        ExpressionType.Multiply => "*",
        ExpressionType.Divide => "/",
        ExpressionType.Coalesce => "??",
        ExpressionType.ArrayIndex => "[]",
        _ => type.ToString(),
    };
}
