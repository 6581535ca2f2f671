using System.Text.Json;
using Alert.Contracts.Notices;
using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Alert.Contracts.Sequencing;
using Alert.Ingress.Notices;
using Alert.Ingress.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Alert.Ingress.Cap;

/// <summary>
/// Where a CAP 1.2 message enters: <c>POST /api/v1/cap</c> ingests (an Alert issues, an Update revises and a Cancel
/// withdraws the notice its references name), <c>POST /api/v1/cap/validate</c> only checks. Once read, a CAP message
/// goes through the same rules and the same sequencer calls as the JSON door.
/// </summary>
internal static class CapEndpoints
{
    public static readonly string[] MediaTypes = ["application/cap+xml", "application/xml", "text/xml"];

    public static void MapCapIngress(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/cap", IngestAsync).RequireAuthorization(AlertHubPolicies.Issue);
        endpoints.MapPost("/api/v1/cap/validate", ValidateAsync).RequireAuthorization(AlertHubPolicies.Read);
    }

    private static async Task<IResult> ValidateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (bytes, refused) = await XmlBody.ReadAsync(context, MediaTypes, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var result = CapValidator.Validate(bytes);
        return Results.Ok(new
        {
            valid = result.Valid,
            errors = result.Errors.Select(Shown),
            warnings = result.Warnings.Select(Shown),
        });
    }

    private static async Task<IResult> IngestAsync(
        HttpContext context, NoticeResolver resolver, IGrainFactory grains, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var (bytes, refused) = await XmlBody.ReadAsync(context, MediaTypes, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var validation = CapValidator.Validate(bytes);
        if (validation.Document is null)
        {
            // Not XML we will read at all (malformed, a DTD, too deep): the request itself is bad.
            var error = validation.Errors[0];
            return NoticeIngressEndpoints.Problem(Problems.Malformed(error.Path, error.Message, error.MessageEn) with { Errors = [Error(error)] });
        }

        if (!validation.Valid)
        {
            return Invalid(validation.Errors);
        }

        var scope = new IssuerScope(context.User);
        var cap = CapNoticeMapper.Map(validation.Document!.Root!, scope.Organisation);
        if (cap.Errors.Count > 0)
        {
            return Invalid(cap.Errors);
        }

        var warnings = validation.Warnings.Concat(cap.Warnings).ToList();
        var prefecture = cap.Issuer.Length >= 2 ? cap.Issuer[..2] : cap.Issuer;
        if (!Contracts.Broadcasting.PrefectureCodes.IsValid(prefecture))
        {
            return Invalid([new XmlFinding("/alert/info[1]/parameter", "issuer", $"発信者 {cap.Issuer} は市区町村・都道府県コードではありません。", $"Issuer {cap.Issuer} is not a municipality or prefecture code.")]);
        }

        var grain = grains.GetGrain<IPrefectureGrain>(prefecture);
        var current = cap.MessageType == "Alert" ? null : await FindAsync(grain, cap, cancellationToken);
        if (cap.MessageType == "Cancel")
        {
            if (current is null)
            {
                return NoticeIngressEndpoints.Problem(Problems.NotFound("references が示すお知らせは発表中ではありません。", "The notice this Cancel references is not in force."));
            }

            if (!scope.MayIssueAs(current.Issuer) || (scope.ExerciseOnly && current.Status == NoticeStatus.Actual))
            {
                return NoticeIngressEndpoints.Problem(Problems.Forbidden($"この API キーではお知らせ {current.Id} を取り消せません。", $"This API key may not cancel notice {current.Id}."));
            }

            var cancelled = await NoticeIngressEndpoints.CallAsync(loggers, time, started, prefecture,
                () => grain.Cancel(current.Id, cap.CancelReason, scope.Organisation, NoticeIngressEndpoints.SourceOf(context), cancellationToken));
            return Answer(context, current.Id, cancelled, warnings);
        }

        if (current is not null)
        {
            // The notice keeps the incident it was issued under, however this message names it.
            cap.Notice!["disaster"] = current.Content.Disaster;
        }

        var note = validation.Document.Root!.Element(CapValidator.Namespace + "note")?.Value;
        if (current is not null && note is { } reason && (reason.StartsWith("訂正", StringComparison.Ordinal) || reason.StartsWith("Correction", StringComparison.OrdinalIgnoreCase)))
        {
            cap.Notice!["errata"] = new System.Text.Json.Nodes.JsonObject { ["reason"] = reason.Length > 500 ? reason[..500] : reason };
        }

        using var document = JsonDocument.Parse(cap.Notice!.ToJsonString());
        var errors = new ValidationErrors();
        var request = NoticeRequestReader.Read(document.RootElement, errors, isRevision: current is not null);
        if (request is null)
        {
            return Invalid([.. errors.All.Select(e => new XmlFinding(CapPath(e.Field, cap), e.Rule, e.Message, e.MessageEn))]);
        }

        var (decision, submission, resolveErrors) = resolver.Resolve(request, scope, NoticeIngressEndpoints.SourceOf(context), time.GetUtcNow());
        if (decision != NoticeDecision.Accept)
        {
            var findings = resolveErrors.All.Select(e => new XmlFinding(CapPath(e.Field, cap), e.Rule, e.Message, e.MessageEn)).ToList();
            return decision == NoticeDecision.Forbidden
                ? NoticeIngressEndpoints.Problem(Problems.Forbidden(findings[0].Message, findings[0].MessageEn) with { Errors = [.. findings.Select(Error)] })
                : Invalid(findings);
        }

        if (current is not null)
        {
            var revised = await NoticeIngressEndpoints.CallAsync(loggers, time, started, prefecture, () => grain.Revise(current.Id, current.Revision, submission!, cancellationToken));
            return Answer(context, current.Id, revised, warnings);
        }

        if (cap.MessageType == "Update")
        {
            warnings.Add(new XmlFinding("/alert/references[1]", "update-of-unknown-alert", "references が示すお知らせが見つからないため、新規として発表しました。", "The notice the references name was not found; this was issued as new."));
        }

        var outcome = await NoticeIngressEndpoints.CallAsync(loggers, time, started, prefecture, () => grain.Issue(submission!, cancellationToken));
        return outcome?.Result switch
        {
            null => NoticeIngressEndpoints.Unavailable(),
            NoticeOutcomes.Accepted => Results.Created($"/api/v1/notices/{outcome.Notice!.Id}", Receipt(context, outcome.Notice, warnings)),
            NoticeOutcomes.Unchanged => Results.Ok(Receipt(context, outcome.Notice!, warnings)),
            _ => NoticeIngressEndpoints.Problem(Problems.Conflict(
                $"同じ incidents（{cap.Key}）のお知らせ {outcome.Notice!.Id} が発表中です。改訂は msgType Update と references で送ってください。",
                $"Notice {outcome.Notice.Id} with the same incidents ({cap.Key}) is in force; revise it with msgType Update and references.", outcome.Notice)),
        };
    }

    // The notice an Update or Cancel revises: named by one of the hub's own CAP identifiers, else the one in force for
    // the same issuer and CAP incident.
    private static async Task<NoticeEnvelope?> FindAsync(IPrefectureGrain grain, CapIngest cap, CancellationToken cancellationToken)
    {
        if (cap.NoticeId is { } id)
        {
            var named = await grain.GetNotice(id, cancellationToken);
            return named is { Ends: false } && named.Issuer == cap.Issuer ? named : null;
        }

        var inForce = await grain.GetActiveNotices(cap.Status, cancellationToken);
        return inForce.FirstOrDefault(n => n.Issuer == cap.Issuer && n.Content.Disaster == cap.Key);
    }

    private static string CapPath(string field, CapIngest cap)
    {
        var bracket = field.IndexOf(']', StringComparison.Ordinal);
        return bracket > 0 && cap.Paths.TryGetValue(field[..(bracket + 1)], out var path) ? path + " (" + field + ")" : field;
    }

    // The JSON door's receipt, with what was accepted liberally listed beside it.
    private static object Receipt(HttpContext context, AcceptedNotice notice, IReadOnlyList<XmlFinding> warnings)
    {
        var receipt = JsonSerializer.SerializeToNode(NoticeIngressEndpoints.Receipt(context, notice))!.AsObject();
        receipt["warnings"] = JsonSerializer.SerializeToNode(warnings.Select(Shown).ToList());
        return receipt;
    }

    private static IResult Answer(HttpContext context, string id, NoticeOutcome? outcome, IReadOnlyList<XmlFinding> warnings) =>
        outcome?.Result is NoticeOutcomes.Accepted or NoticeOutcomes.Unchanged
            ? Results.Ok(Receipt(context, outcome.Notice!, warnings))
            : NoticeIngressEndpoints.Revised(context, id, outcome);

    private static IResult Invalid(IEnumerable<XmlFinding> findings) => NoticeIngressEndpoints.Problem(Problems.Invalid([.. findings.Select(Error)]));

    private static ProblemError Error(XmlFinding finding) => new(finding.Path, finding.Rule, finding.Message, finding.MessageEn);

    private static object Shown(XmlFinding finding) => new { path = finding.Path, rule = finding.Rule, message = finding.Message, messageEn = finding.MessageEn };
}
