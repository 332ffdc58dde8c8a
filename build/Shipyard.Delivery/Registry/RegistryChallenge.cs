using System.Net.Http.Headers;

namespace Shipyard.Delivery.Registry;

/// <summary>A parsed <c>WWW-Authenticate</c> header: <c>Basic realm="r"</c> or <c>Bearer realm="…",service="…",scope="…"</c>.</summary>
internal sealed record RegistryChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public static RegistryChallenge? From(HttpResponseMessage response)
    {
        var header = response.Headers.WwwAuthenticate.FirstOrDefault();
        return header is null ? null : new RegistryChallenge(header.Scheme, Parse(header));
    }

    public string? this[string name] => Parameters.TryGetValue(name, out var v) ? v : null;

    private static Dictionary<string, string> Parse(AuthenticationHeaderValue header)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var text = header.Parameter ?? "";
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            if (eq < 0) break;
            var key = text[i..eq].Trim().TrimStart(',').Trim();
            string value;
            if (eq + 1 < text.Length && text[eq + 1] == '"')
            {
                var close = text.IndexOf('"', eq + 2);
                if (close < 0) close = text.Length;
                value = text[(eq + 2)..close];
                i = close + 1;
            }
            else
            {
                var comma = text.IndexOf(',', eq);
                if (comma < 0) comma = text.Length;
                value = text[(eq + 1)..comma].Trim();
                i = comma;
            }
            result[key] = value;
            while (i < text.Length && (text[i] == ',' || text[i] == ' ')) i++;
        }
        return result;
    }
}
