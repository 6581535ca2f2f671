using Alert.Contracts.Notices;

namespace Alert.Contracts.Problems;

/// <summary>The problems every door of the hub answers with, so wording stays the same everywhere.</summary>
public static class Problems
{
    private const string Base = "https://alerthub.jp/problems/";

    public static Problem Unauthenticated() => new(Base + "unauthenticated", "認証が必要です", 401,
        "有効な API キーを Authorization: Bearer ヘッダー（WebSocket では access_token）で送ってください。",
        "Authentication required",
        "Send a valid API key as 'Authorization: Bearer' (or 'access_token' for WebSocket clients).");

    public static Problem Forbidden(string detail, string detailEn) =>
        new(Base + "forbidden", "権限がありません", 403, detail, "Forbidden", detailEn);

    public static Problem Malformed(string field, string detail, string detailEn) =>
        new(Base + "malformed-request", "リクエストを解釈できません", 400, detail, "Malformed request", detailEn)
        {
            Errors = [new ProblemError(field, "well-formed-json", detail, detailEn)],
        };

    public static Problem Invalid(IReadOnlyList<ProblemError> errors) =>
        new(Base + "validation", "入力内容に誤りがあります", 422,
            $"{errors.Count} 件の誤りがあります。errors を確認してください。",
            "Validation failed",
            $"{errors.Count} rule(s) were broken; see errors.")
        { Errors = errors };

    public static Problem NotFound(string detail, string detailEn) =>
        new(Base + "not-found", "見つかりません", 404, detail, "Not found", detailEn);

    public static Problem Conflict(string detail, string detailEn, AcceptedNotice? current) =>
        new(Base + "conflict", "競合しています", 409, detail, "Conflict", detailEn)
        {
            CurrentId = current?.Id,
            CurrentRevision = current?.Revision,
        };

    public static Problem Unavailable(string detail, string detailEn) =>
        new(Base + "unavailable", "一時的に利用できません", 503, detail, "Service unavailable", detailEn);
}
