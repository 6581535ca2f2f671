using System.Text;

namespace Alert.Contracts.Vocabulary;

/// <summary>
/// A closed list of wire codes (English, lower-case) with their Japanese names. Input may use either; output always
/// uses the code, with the Japanese name beside it where people read it.
/// </summary>
public sealed class Vocabulary
{
    private readonly Dictionary<string, string> _byInput = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _japanese = new(StringComparer.Ordinal);

    public Vocabulary(string name, params (string Code, string Japanese, string[] Aliases)[] terms)
    {
        Name = name;
        foreach (var (code, japanese, aliases) in terms)
        {
            _japanese[code] = japanese;
            foreach (var input in aliases.Append(code).Append(japanese))
            {
                _byInput[Normalise(input)] = code;
            }
        }

        Codes = [.. terms.Select(t => t.Code)];
    }

    public string Name { get; }

    public IReadOnlyList<string> Codes { get; }

    public bool TryParse(string? input, out string code)
    {
        code = string.Empty;
        return input is not null && _byInput.TryGetValue(Normalise(input), out code!);
    }

    public string Japanese(string code) => _japanese.GetValueOrDefault(code, code);

    public string Describe() => string.Join(", ", Codes.Select(c => $"{c} ({_japanese[c]})"));

    /// <summary>Full-width ASCII and brackets to half-width, spaces removed, lower case: 避難指示（緊急） = 避難指示(緊急).</summary>
    private static string Normalise(string input)
    {
        var builder = new StringBuilder(input.Length);
        foreach (var c in input.Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
