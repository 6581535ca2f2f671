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

        if (Municipalities is not null && !envelope.AffectedMunicipalities.Any(Municipalities.Contains)
            && !envelope.Content.Areas.Any(a => a.Municipality is { } code && Municipalities.Contains(code)))
        {
            return false;
        }

        if (MinLevel is { } minimum)
        {
            var levels = envelope.Content.Areas.Where(a => a.Level is not null && a.State != AreaStates.Lifted).Select(a => a.Level!.Value).ToList();
            var carriesLevels = envelope.Content.Areas.Any(a => a.Level is not null);
            if (carriesLevels && (levels.Count == 0 || levels.Max() < minimum))
            {
                return false;
            }
        }

        return true;
    }
}
