namespace Shipyard.Engine;

/// <summary>Gives every parameter its value from the highest source that has one; rejects unknown options.</summary>
internal static class ParameterBinder
{
    public static void Bind(IReadOnlyList<ParameterDescriptor> parameters, CommandLine commandLine, ParameterSources sources, SecretSet secrets)
    {
        foreach (var option in commandLine.Options)
        {
            if (BuiltInOptions.IsBuiltIn(option.Key) || parameters.Any(p => p.Key == option.Key)) continue;
            var names = parameters.Select(p => p.Option).Concat(BuiltInOptions.All.Select(b => b.Option)).ToList();
            var suggestion = NameSuggester.Closest(option.Spelling, names);
            var hint = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
            throw new UsageException($"Unknown parameter '{UsageException.Escape(option.Spelling)}'.{hint} Run with --help to list the parameters.");
        }

        foreach (var parameter in parameters)
        {
            var fromCommandLine = commandLine.Find(parameter.Key);
            var (values, origin) = fromCommandLine is not null
                ? ((IReadOnlyList<string>)fromCommandLine.Values, "command line")
                : sources.Find(parameter.Key) ?? (null!, "");
            if (values is null) continue;
            // A file's explicit empty list (`"BuildArg": []`) and an empty environment variable (CI passes unset inputs
            // as "") mean "none", like leaving the key out; an empty value written out (`--service ''`, `"Service": ","`)
            // is a mistake, never "every service".
            if (fromCommandLine is null && parameter.Type.IsArray
                && (values.Count == 0 || (origin == "environment" && values.All(v => v.Length == 0)))) continue;
            // Secrets are registered before conversion so an error message quoting the value is masked too.
            if (parameter.IsSecret) foreach (var value in values) secrets.Add(value);
            var option = fromCommandLine?.Spelling ?? $"{parameter.Option} (from {origin})";
            parameter.SetValue(ValueConverter.Convert(parameter.Type, values, option));
        }
    }
}
