using Alert.Contracts.Notices;

namespace Alert.Broadcast.Subscriptions;

/// <summary>
/// What one subscription lets through; every given filter must hold (AND). <see cref="MinLevel"/> applies to notices
/// that carry alert levels (evacuation information): one passes when its highest level in force is at least the
/// minimum; notices without levels (shelters, headquarters, damage, information) are not filtered by level, so
/// combine with <see cref="Categories"/> to receive evacuation information only. Once any revision of a notice has
/// been delivered, every later revision of it is delivered too, even when it no longer matches: a broadcaster that
/// aired a level-4 order must hear that it was lowered, lifted or cancelled.
/// </summary>
public sealed record SubscriptionFilter(
    IReadOnlySet<string> Statuses,
    IReadOnlySet<string>? Municipalities = null,
    IReadOnlySet<string>? Categories = null,
    int? MinLevel = null,
    LocationFence? Location = null)
{
    /// <summary>Actual notices only, nothing else filtered: what a subscription gets unless it asks otherwise.</summary>
    public static SubscriptionFilter ActualOnly { get; } = new(new HashSet<string>(StringComparer.Ordinal) { NoticeStatus.Actual });

    /// <summary>Whether anything but status is filtered: only then can a later revision of a delivered notice fail the filter.</summary>
    public bool Narrows => Municipalities is not null || Categories is not null || MinLevel is not null || Location is not null;

    /// <summary>Whether the envelope passes every filter but location, which the host decides once for all connections.</summary>
    public bool MatchesWithoutLocation(NoticeEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!Statuses.Contains(envelope.Status))
        {
            return false;
        }

        if (Categories is not null && !Categories.Contains(envelope.Category))
        {
            return false;
        }

        if (Municipalities is not null && !AffectsAny(envelope, Municipalities))
        {
            return false;
        }

        return MinLevel is not { } minimum || PassesLevel(envelope.Content.Areas, minimum);
    }

    // Loops, not LINQ: this runs for every session of a host on every envelope.
    private static bool AffectsAny(NoticeEnvelope envelope, IReadOnlySet<string> municipalities)
    {
        foreach (var code in envelope.AffectedMunicipalities)
        {
            if (municipalities.Contains(code))
            {
                return true;
            }
        }

        foreach (var area in envelope.Content.Areas)
        {
            if (area.Municipality is { } code && municipalities.Contains(code))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Notices without levels pass; others need a level in force (not lifted) at least the minimum.</summary>
    private static bool PassesLevel(IReadOnlyList<NoticeArea> areas, int minimum)
    {
        var carriesLevels = false;
        foreach (var area in areas)
        {
            if (area.Level is { } level)
            {
                carriesLevels = true;
                if (level >= minimum && area.State != AreaStates.Lifted)
                {
                    return true;
                }
            }
        }

        return !carriesLevels;
    }
}
