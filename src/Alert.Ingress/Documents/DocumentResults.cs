using System.Text.Json;
using Alert.Contracts.Problems;
using Alert.Ingress.Notices;
using Alert.Ingress.Validation;
using Microsoft.AspNetCore.Http;

namespace Alert.Ingress.Documents;

/// <summary>A document's outcome over REST: the JSON door's receipt with the warnings beside it, or the problem.</summary>
internal static class DocumentResults
{
    public static IResult Http(HttpContext context, DocumentOutcome outcome)
    {
        if (outcome.Problem is { } problem)
        {
            return NoticeIngressEndpoints.Problem(problem);
        }

        var receipt = JsonSerializer.SerializeToNode(NoticeIngressEndpoints.Receipt(context, outcome.Notice!))!.AsObject();
        receipt["warnings"] = JsonSerializer.SerializeToNode(outcome.Warnings.Select(Shown).ToList());
        return outcome.Created ? Results.Created($"/api/v1/notices/{outcome.Notice!.Id}", receipt) : Results.Ok(receipt);
    }

    /// <summary>A body that is not XML the hub will read at all (malformed, a DTD, too deep): the request itself is bad.</summary>
    public static IResult Malformed(XmlFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return NoticeIngressEndpoints.Problem(Problems.Malformed(finding.Path, finding.Message, finding.MessageEn) with
        {
            Errors = [new ProblemError(finding.Path, finding.Rule, finding.Message, finding.MessageEn)],
        });
    }

    public static object Shown(XmlFinding finding) => new { path = finding.Path, rule = finding.Rule, message = finding.Message, messageEn = finding.MessageEn };
}
