namespace Alert.Contracts.Problems;

/// <summary>One broken rule: the JSON path of the field, the rule's name, and the message in Japanese and English.</summary>
public sealed record ProblemError(string Field, string Rule, string Message, string MessageEn);
