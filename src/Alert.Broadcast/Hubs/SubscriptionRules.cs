using Alert.Broadcast.Subscriptions;
using Alert.Contracts.Broadcasting;
using Alert.Contracts.Notices;
using Alert.Geo;
using Alert.Geo.Codes;
using Alert.Geo.Geofencing;
using Alert.Geo.GeoJson;
using Alert.Geo.Measurement;
using Microsoft.AspNetCore.SignalR;

namespace Alert.Broadcast.Hubs;

/// <summary>
/// Turns a <c>Subscribe</c> request into a filter, the prefectures to stream and the resume points, refusing anything
/// malformed with a message that names the field and the rule, in Japanese and English.
/// </summary>
internal static class SubscriptionRules
{
    public static SubscriptionFilter Filter(SubscribeRequest request, JapanGeography geography)
    {
        var statuses = (request.Statuses ?? (request.Status is { } one ? [one] : [NoticeStatus.Actual])).Distinct(StringComparer.Ordinal).ToList();
        if (statuses.Count == 0 || statuses.FirstOrDefault(s => !NoticeStatus.All.Contains(s)) is not null)
        {
            throw Refuse("statuses は actual, exercise, test から選んでください。", "statuses must be chosen from actual, exercise and test.");
        }

        HashSet<string>? categories = null;
        if (request.Categories is { } requested)
        {
            if (requested.Count == 0 || requested.FirstOrDefault(c => !NoticeCategory.Known.Contains(c)) is { } bad)
            {
                throw Refuse($"categories は {string.Join(", ", NoticeCategory.Known.Order(StringComparer.Ordinal))} から選んでください。",
                    $"categories must be chosen from {string.Join(", ", NoticeCategory.Known.Order(StringComparer.Ordinal))}.");
            }

            categories = [.. requested];
        }

        if (request.MinLevel is < 1 or > 5)
        {
            throw Refuse("minLevel は警戒レベル 1〜5 です。", "minLevel is an alert level from 1 to 5.");
        }

        return new SubscriptionFilter(statuses.ToHashSet(StringComparer.Ordinal), Municipalities(request, geography), categories, request.MinLevel, Location(request, geography));
    }

    /// <summary>The prefectures to stream: as requested, or, for a location without them, those the location reaches.</summary>
    public static List<string> Prefectures(SubscribeRequest request, SubscriptionFilter filter, JapanGeography geography)
    {
        if (request.Prefectures is { Count: > NoticeHub.MaxPrefectures })
        {
            throw Refuse($"prefectures は {NoticeHub.MaxPrefectures} 件までです。", $"prefectures may list at most {NoticeHub.MaxPrefectures} codes.");
        }

        var prefectures = request.Prefectures?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (prefectures.FirstOrDefault(p => !PrefectureCodes.IsValid(p)) is { } bad)
        {
            throw Refuse($"prefectures の {bad} は都道府県コード（01〜47）ではありません。", $"prefectures: {bad} is not a prefecture code (01 to 47).");
        }

        if (prefectures.Count == 0)
        {
            if (filter.Location is not { } fence)
            {
                throw Refuse("prefectures は必須です（location を指定する場合を除く。例: [\"13\"]）。", "prefectures is required unless location is given (for example [\"13\"]).");
            }

            prefectures = Reached(fence, geography);
            if (prefectures.Count == 0)
            {
                throw Refuse("location はどの都道府県にもかかっていません（海上または日本の外）。", "location reaches no prefecture (it is at sea or outside Japan).");
            }
        }

        if (filter.Municipalities?.FirstOrDefault(m => !prefectures.Contains(m[..2])) is { } stray)
        {
            throw Refuse($"municipalities の {stray} は prefectures に含まれない都道府県の市区町村です。", $"municipalities: {stray} lies in a prefecture not in prefectures, so it could never match.");
        }

        return prefectures;
    }

    public static Dictionary<string, long> After(SubscribeRequest request, List<string> prefectures)
    {
        var after = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (prefecture, sequence) in request.After ?? new Dictionary<string, long>())
        {
            if (!prefectures.Contains(prefecture))
            {
                throw Refuse($"after の {prefecture} が prefectures にありません。", $"after names {prefecture}, which is not in prefectures.");
            }

            if (sequence < 0)
            {
                throw Refuse($"after.{prefecture} は 0 以上にしてください。", $"after.{prefecture} must be zero or more.");
            }

            after[prefecture] = sequence;
        }

        return after;
    }

    private static HashSet<string>? Municipalities(SubscribeRequest request, JapanGeography geography)
    {
        if (request.Municipalities is not { } codes)
        {
            return null;
        }

        if (codes.Count is 0 or > NoticeHub.MaxMunicipalities)
        {
            throw Refuse($"municipalities は 1〜{NoticeHub.MaxMunicipalities} 件です。", $"municipalities takes 1 to {NoticeHub.MaxMunicipalities} codes.");
        }

        var normalised = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            var result = LocalGovernmentCode.TryNormalise(code, out var five);
            if (result != CodeParseResult.Ok || geography.FindMunicipality(five) is null)
            {
                throw Refuse(result == CodeParseResult.BadCheckDigit
                    ? $"municipalities の {code} は検査数字が正しくありません。"
                    : $"municipalities の {code} は市区町村コード（5 桁、または検査数字付き 6 桁）ではありません。",
                    result == CodeParseResult.BadCheckDigit
                    ? $"municipalities: {code} has a wrong check digit."
                    : $"municipalities: {code} is not a municipality code (5 digits, or 6 with the check digit).");
            }

            normalised.Add(five);
        }

        return normalised;
    }

    private static LocationFence? Location(SubscribeRequest request, JapanGeography geography)
    {
        if (request.Location is not { } location)
        {
            return null;
        }

        if (location.Lat is not { } lat || location.Lon is not { } lon || !double.IsFinite(lat) || !double.IsFinite(lon))
        {
            throw Refuse("location には lat と lon（有限の数値）が必要です。", "location needs lat and lon as finite numbers.");
        }

        if (!GeometryLimits.JapanExtent.Contains(lon, lat))
        {
            throw Refuse(GeometryLimits.JapanExtent.Contains(lat, lon)
                ? "location は日本の範囲外です。lat と lon が入れ替わっていませんか。"
                : "location は日本の範囲外です。",
                GeometryLimits.JapanExtent.Contains(lat, lon)
                ? "location lies outside Japan; are lat and lon swapped?"
                : "location lies outside Japan.");
        }

        var radius = location.RadiusKm ?? 0;
        if (!double.IsFinite(radius) || radius < 0 || radius > GeofenceIndex.MaxRadiusKm)
        {
            throw Refuse($"location.radiusKm は 0〜{GeofenceIndex.MaxRadiusKm} km です。", $"location.radiusKm must be from 0 to {GeofenceIndex.MaxRadiusKm} km.");
        }

        return new LocationFence(lat, lon, radius, geography.Factory);
    }

    private static List<string> Reached(LocationFence fence, JapanGeography geography)
    {
        var place = fence.RadiusKm > 0
            ? (NetTopologySuite.Geometries.Geometry)GeodesicCircle.Create(geography.Factory, fence.Latitude, fence.Longitude, fence.RadiusKm)
            : geography.Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(fence.Longitude, fence.Latitude));
        return [.. geography.Dataset.Prefectures
            .Where(p => p.Geometry.EnvelopeInternal.Intersects(place.EnvelopeInternal) && p.Geometry.Intersects(place))
            .Select(p => p.Code)
            .Order(StringComparer.Ordinal)];
    }

    public static HubException Refuse(string ja, string en) => new($"{ja} / {en}");
}
