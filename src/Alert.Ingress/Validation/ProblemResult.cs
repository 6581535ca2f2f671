using Alert.Contracts.Problems;
using Microsoft.AspNetCore.Http;

namespace Alert.Ingress.Validation;

/// <summary>Writes a problem as <c>application/problem+json</c> with its own status.</summary>
internal static class ProblemResult
{
    public static IResult Of(Problem problem) => Results.Json(problem, statusCode: problem.Status, contentType: Problem.ContentType);
}
