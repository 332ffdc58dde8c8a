using System.Text.Json.Nodes;

namespace Shipyard.Delivery.Tests.Fakes;

/// <summary>The API server's label and field selectors, equality terms only (<c>a=b</c>, <c>a==b</c>, <c>a!=b</c>), comma-joined.</summary>
public static class Selectors
{
    /// <summary>True when <paramref name="item"/> matches both selectors (null or empty matches everything).</summary>
    public static bool Matches(JsonNode item, string? labelSelector, string? fieldSelector) =>
        Terms(labelSelector).All(t => t.Matches(item["metadata"]?["labels"]?[t.Key]?.GetValue<string>()))
        && Terms(fieldSelector).All(t => t.Matches(Field(item, t.Key)));

    private static string? Field(JsonNode item, string path)
    {
        JsonNode? node = item;
        foreach (var part in path.Split('.')) node = node?[part];
        return node?.GetValue<string>();
    }

    private static IEnumerable<Term> Terms(string? selector) => string.IsNullOrWhiteSpace(selector) ? [] :
        selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Term.Parse);

    private sealed record Term(string Key, string Value, bool Equal)
    {
        public static Term Parse(string text)
        {
            var not = text.IndexOf("!=", StringComparison.Ordinal);
            if (not > 0) return new(text[..not], text[(not + 2)..], false);
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new FormatException($"unsupported selector term '{text}' (the fake knows equality only)");
            return new(text[..eq], text[(eq + 1)..].TrimStart('='), true);
        }

        public bool Matches(string? actual) => (actual == Value) == Equal;
    }
}
