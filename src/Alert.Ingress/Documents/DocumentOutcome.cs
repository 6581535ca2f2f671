using Alert.Contracts.Notices;
using Alert.Contracts.Problems;
using Alert.Ingress.Validation;

namespace Alert.Ingress.Documents;

/// <summary>What became of a document: the accepted revision (and whether it created the notice), or a problem.</summary>
internal sealed record DocumentOutcome(AcceptedNotice? Notice, bool Created, Problem? Problem, IReadOnlyList<XmlFinding> Warnings);
