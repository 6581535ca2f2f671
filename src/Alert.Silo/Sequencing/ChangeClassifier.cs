using Alert.Contracts.Notices;

namespace Alert.Silo.Sequencing;

/// <summary>
/// Classifies each area, shelter or single item of a new snapshot against the previous revision: added, changed (with
/// the fields that differ), unchanged, lifted, or removed. Receivers use this to say "shelter opened" only when a
/// shelter's status changed to opened, never when its address was corrected.
/// </summary>
public static class ChangeClassifier
{
    public static IReadOnlyList<ItemChange> Classify(string category, NoticeContent? previous, NoticeContent current) => category switch
    {
        NoticeCategory.Evacuation or NoticeCategory.Weather or NoticeCategory.Earthquake or NoticeCategory.Tsunami or NoticeCategory.Volcano => Compare(previous?.Areas, current.Areas, a => a.Key, AreaDifferences, IsLifting),
        NoticeCategory.Shelter => Compare(previous?.Shelters, current.Shelters, s => s.Key, ShelterDifferences, static (_, _) => false),
        NoticeCategory.Headquarters => Single(category, previous?.Headquarters, current.Headquarters, HeadquartersDifferences),
        NoticeCategory.Damage => Single(category, previous?.Damage, current.Damage, DamageDifferences),
        _ => Single("information", previous?.Information, current.Information, InformationDifferences),
    };

    private static List<ItemChange> Compare<T>(
        IReadOnlyList<T>? previous, IReadOnlyList<T> current, Func<T, string> key,
        Func<T, T, IEnumerable<string>> differences, Func<T, T, bool> isLifting)
    {
        var before = (previous ?? []).ToDictionary(key, StringComparer.Ordinal);
        var changes = new List<ItemChange>(current.Count);
        foreach (var item in current)
        {
            var itemKey = key(item);
            if (!before.Remove(itemKey, out var old))
            {
                changes.Add(new ItemChange(itemKey, ItemChangeKind.Added, []));
                continue;
            }

            var fields = differences(old, item).ToList();
            var change = fields.Count == 0 ? ItemChangeKind.Unchanged : isLifting(old, item) ? ItemChangeKind.Lifted : ItemChangeKind.Changed;
            changes.Add(new ItemChange(itemKey, change, fields));
        }

        changes.AddRange(before.Keys.Select(k => new ItemChange(k, ItemChangeKind.Removed, [])));
        return changes;
    }

    private static List<ItemChange> Single<T>(string key, T? previous, T? current, Func<T, T, IEnumerable<string>> differences)
        where T : class
    {
        if (current is null)
        {
            return previous is null ? [] : [new ItemChange(key, ItemChangeKind.Removed, [])];
        }

        if (previous is null)
        {
            return [new ItemChange(key, ItemChangeKind.Added, [])];
        }

        var fields = differences(previous, current).ToList();
        return [new ItemChange(key, fields.Count == 0 ? ItemChangeKind.Unchanged : ItemChangeKind.Changed, fields)];
    }

    private static bool IsLifting(NoticeArea old, NoticeArea current) =>
        old.State != AreaStates.Lifted && current.State == AreaStates.Lifted;

    private static IEnumerable<string> AreaDifferences(NoticeArea a, NoticeArea b)
    {
        if (a.Level != b.Level) yield return "level";
        if (a.State != b.State) yield return "state";
        if (a.Households != b.Households) yield return "households";
        if (a.Persons != b.Persons) yield return "persons";
        if (a.Geometry != b.Geometry) yield return "geometry";
    }

    // CheckedAt is when the counts were read, not a change of the shelter: it never makes a shelter "changed".
    private static IEnumerable<string> ShelterDifferences(Shelter a, Shelter b)
    {
        if (a.Address != b.Address) yield return "address";
        if (a.Latitude != b.Latitude || a.Longitude != b.Longitude) yield return "location";
        if (a.Type != b.Type) yield return "type";
        if (a.Status != b.Status) yield return "status";
        if (a.Capacity != b.Capacity) yield return "capacity";
        if (a.Crowding != b.Crowding) yield return "crowding";
        if (a.Persons != b.Persons) yield return "persons";
        if (a.Households != b.Households) yield return "households";
    }

    private static IEnumerable<string> HeadquartersDifferences(HeadquartersStatus a, HeadquartersStatus b)
    {
        if (a.Type != b.Type) yield return "type";
        if (a.State != b.State) yield return "state";
        if (a.At != b.At) yield return "at";
    }

    private static IEnumerable<string> DamageDifferences(DamageReport a, DamageReport b)
    {
        if (a.Human != b.Human) yield return "human";
        if (a.Houses != b.Houses) yield return "houses";
        if (!a.Other.SequenceEqual(b.Other)) yield return "other";
    }

    private static IEnumerable<string> InformationDifferences(Information a, Information b)
    {
        if (a.Category != b.Category) yield return "category";
        if (a.Subcategory != b.Subcategory) yield return "subcategory";
        if (a.Title != b.Title) yield return "title";
        if (a.Text != b.Text) yield return "text";
        if (a.Url != b.Url) yield return "url";
    }
}
