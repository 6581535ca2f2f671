using Alert.Contracts.Problems;

namespace Alert.Ingress.Validation;

/// <summary>Collects broken rules with the JSON path of the field, Japanese first.</summary>
internal sealed class ValidationErrors
{
    private readonly List<ProblemError> _errors = [];

    public IReadOnlyList<ProblemError> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string field, string rule, string message, string messageEn) =>
        _errors.Add(new ProblemError(field, rule, message, messageEn));

    public void Required(string field) =>
        Add(field, "required", $"{field} は必須です。", $"{field} is required.");

    public void WrongType(string field, string expectedJa, string expectedEn) =>
        Add(field, "type", $"{field} は{expectedJa}で指定してください。", $"{field} must be {expectedEn}.");
}
