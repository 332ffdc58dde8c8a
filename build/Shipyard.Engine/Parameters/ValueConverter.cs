using System.Globalization;
using System.Text.RegularExpressions;

namespace Shipyard.Engine;

/// <summary>Converts the text values of a parameter to its type; bad input is a <see cref="UsageException"/>.</summary>
internal static partial class ValueConverter
{
    public static bool IsSupported(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray) return IsSupported(t.GetElementType()!);
        return t == typeof(string) || t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(double)
            || t == typeof(TimeSpan) || t.IsEnum;
    }

    public static object? Convert(Type type, IReadOnlyList<string> values, string option)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsArray)
        {
            var element = target.GetElementType()!;
            var items = values
                .SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Select(v => ConvertOne(element, v, option))
                .ToArray();
            // Empty is not "all": `--service ''` or `--service ,` must not fall back to the default of every service.
            if (items.Length == 0)
                throw new UsageException(values.Count == 0
                    ? $"{option} needs a value: name at least one, or leave the option out for the default."
                    : $"{option} was given an empty value ('{UsageException.Escape(string.Join(" ", values))}'): name at least one, or leave the option out for the default.");
            var array = Array.CreateInstance(element, items.Length);
            for (var i = 0; i < items.Length; i++) array.SetValue(items[i], i);
            return array;
        }
        if (values.Count == 0)
            return target == typeof(bool) ? true : throw new UsageException($"{option} needs a value.");
        if (values.Count > 1)
            throw new UsageException($"{option} takes one value, got {values.Count}: {UsageException.Escape(string.Join(" ", values))}");
        return ConvertOne(target, values[0], option);
    }

    private static object ConvertOne(Type type, string value, string option)
    {
        if (type == typeof(string)) return value;
        if (type.IsEnum)
        {
            var names = Enum.GetNames(type);
            var match = names.FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"{option} does not accept '{UsageException.Escape(value)}'. Allowed: {string.Join(", ", names)}");
            return Enum.Parse(type, match);
        }
        var result = type switch
        {
            _ when type == typeof(bool) => ParseBool(value),
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
            _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            _ when type == typeof(TimeSpan) => ParseDuration(value),
            _ => throw new InvalidOperationException($"Parameter type {type.Name} is not supported."),
        };
        return result ?? throw new UsageException($"{option} expects {Describe(type)}, got '{UsageException.Escape(value)}'.");
    }

    private static object? ParseBool(string value) => value.ToLowerInvariant() switch
    {
        "true" or "yes" or "1" or "on" => true,
        "false" or "no" or "0" or "off" => false,
        _ => null,
    };

    /// <summary><c>90s</c>, <c>5m</c>, <c>1h30m</c>, <c>500ms</c>, or the usual <c>00:05:00</c>.</summary>
    internal static object? ParseDuration(string value)
    {
        var parts = DurationPart().Matches(value);
        if (parts.Count > 0 && string.Concat(parts.Select(p => p.Value)) == value)
        {
            var total = TimeSpan.Zero;
            foreach (Match part in parts)
            {
                var amount = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
                total += part.Groups[2].Value switch
                {
                    "ms" => TimeSpan.FromMilliseconds(amount),
                    "s" => TimeSpan.FromSeconds(amount),
                    "m" => TimeSpan.FromMinutes(amount),
                    "h" => TimeSpan.FromHours(amount),
                    _ => TimeSpan.FromDays(amount),
                };
            }
            return total;
        }
        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span : null;
    }

    public static string Describe(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray) return Describe(t.GetElementType()!) + "[]";
        if (t.IsEnum) return string.Join("|", Enum.GetNames(t));
        return t switch
        {
            _ when t == typeof(string) => "string",
            _ when t == typeof(bool) => "bool",
            _ when t == typeof(int) || t == typeof(long) => "int",
            _ when t == typeof(double) => "number",
            _ when t == typeof(TimeSpan) => "duration",
            _ => t.Name,
        };
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h|d)")]
    private static partial Regex DurationPart();
}
