using System.Text.Json;
using Alert.Contracts.Notices;
using Alert.Contracts.Problems;
using Alert.Contracts.Security;
using Alert.Contracts.Sequencing;
using Alert.Ingress.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Alert.Ingress.Notices;

/// <summary><c>POST /api/v1/notices</c>: where an issuer's JSON notice enters the hub.</summary>
internal static partial class NoticeIngressEndpoints
{
    /// <summary>Largest JSON body accepted; a notice with 2,000 areas and polygons fits well inside.</summary>
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    public static void MapNoticeIngress(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/notices", SubmitAsync).RequireAuthorization(AlertHubPolicies.Issue);
    }

    private static async Task<IResult> SubmitAsync(
        HttpContext context, NoticeResolver resolver, IGrainFactory grains, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Problem(new Problem("https://alerthub.jp/problems/unsupported-media-type", "対応していない形式です", 415,
                "Content-Type: application/json で送ってください。", "Unsupported media type", "Send the notice as Content-Type: application/json."));
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = MaxBodyBytes;
        }

        // Duplicate names are refused: with {"level":3,...,"level":5} different readers would act on different levels.
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false }, cancellationToken);
        }
        catch (JsonException malformed)
        {
            var at = $"line {malformed.LineNumber + 1}, byte {malformed.BytePositionInLine + 1}";
            return Problem(Problems.Malformed(malformed.Path ?? "$", $"JSON として解釈できません（{at}）。", $"The body is not valid JSON ({at})."));
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(new Problem("https://alerthub.jp/problems/payload-too-large", "本文が大きすぎます", 413,
                $"本文は {MaxBodyBytes / 1024 / 1024} MiB までです。", "Payload too large", $"The body may be at most {MaxBodyBytes / 1024 / 1024} MiB."));
        }

        using (document)
        {
            var errors = new ValidationErrors();
            var request = NoticeRequestReader.Read(document.RootElement, errors);
            if (request is null)
            {
                return Problem(Problems.Invalid(errors.All));
            }

            var (decision, submission, resolveErrors) = resolver.Resolve(request, new IssuerScope(context.User));
            switch (decision)
            {
                case NoticeDecision.Invalid:
                    return Problem(Problems.Invalid(resolveErrors.All));
                case NoticeDecision.Forbidden:
                    var first = resolveErrors.All[0];
                    return Problem(Problems.Forbidden(first.Message, first.MessageEn) with { Errors = resolveErrors.All });
            }

            AcceptedNotice accepted;
            try
            {
                accepted = await grains.GetGrain<IPrefectureGrain>(submission!.Prefecture).Accept(submission, cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogSequencerFailed(loggers.CreateLogger(typeof(NoticeIngressEndpoints)), failure, submission!.Prefecture);
                return Problem(Problems.Unavailable(
                    "受け付けられませんでした。記録されていない可能性があるため、同じ内容で再送してください。",
                    "The notice was not accepted and may not have been recorded; send it again."));
            }

            return Results.Created($"/api/v1/notices/{accepted.Id}", new
            {
                id = accepted.Id,
                revision = accepted.Revision,
                prefecture = accepted.Prefecture,
                sequence = accepted.Sequence,
                affectedMunicipalities = accepted.AffectedMunicipalities,
                acceptedAt = accepted.AcceptedAt,
            });
        }
    }

    private static IResult Problem(Problem problem) => Results.Json(problem, statusCode: problem.Status, contentType: Contracts.Problems.Problem.ContentType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sequencer {Prefecture} failed to accept a notice")]
    private static partial void LogSequencerFailed(ILogger logger, Exception exception, string prefecture);
}
