using Alert.Contracts.Notices;
using Alert.Contracts.Vocabulary;
using Alert.Geo;
using Alert.Geo.Boundaries;

namespace Alert.Broadcast.Summary;

/// <summary>
/// Builds a prefecture's summary from the notices in force of one status. It only ever sees the notices it is given,
/// and the caller passes one status: drills can never be counted with live orders.
/// </summary>
public sealed class PrefectureSummaryBuilder(JapanGeography geography)
{
    private static readonly int[] Levels = [3, 4, 5];

    public PrefectureSummary Build(string prefecture, string status, IReadOnlyList<NoticeEnvelope> inForce, DateTimeOffset now)
    {
        var tallies = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        Tally For(string code) => tallies.TryGetValue(code, out var t) ? t : tallies[code] = new Tally();
        var total = new Tally(); // counted once per area and shelter, however many municipalities an area spans
        HeadquartersSummary? prefectureHeadquarters = null;

        foreach (var notice in inForce.Where(n => n.Status == status && n.Prefecture == prefecture))
        {
            switch (notice.Category)
            {
                case NoticeCategory.Evacuation:
                    foreach (var area in notice.Content.Areas.Where(a => a.State == AreaStates.Issued && a.Level is not null))
                    {
                        total.AddArea(area.Level!.Value, area.Households, area.Persons);
                        var owners = Owners(area.Municipality, notice.AffectedMunicipalities);
                        foreach (var owner in owners)
                        {
                            // Counts belong to one municipality; an area drawn across several counts its level in each, its people once.
                            For(owner).AddArea(area.Level!.Value, owners.Count == 1 ? area.Households : null, owners.Count == 1 ? area.Persons : null);
                        }
                    }

                    break;
                case NoticeCategory.Shelter:
                    foreach (var shelter in notice.Content.Shelters.Where(s => s.Status is "opened" or "permanent"))
                    {
                        For(CityOf(shelter.Municipality)).AddShelter(shelter);
                        total.AddShelter(shelter);
                    }

                    break;
                case NoticeCategory.Headquarters when notice.Content.Headquarters is { } hq:
                    var summary = new HeadquartersSummary(hq.Type, Terms.HeadquartersType.Japanese(hq.Type), hq.State, Terms.HeadquartersState.Japanese(hq.State), hq.At);
                    if (notice.Issuer.Length == 2)
                    {
                        prefectureHeadquarters = summary;
                    }
                    else
                    {
                        For(notice.Issuer).Headquarters = summary;
                    }

                    break;
            }
        }

        var municipalities = tallies.Select(t => new MunicipalitySummary(
            t.Key, geography.FindMunicipality(t.Key)?.Name ?? t.Key, t.Value.Figures(), t.Value.Headquarters)).ToList();
        return new PrefectureSummary(prefecture, status, now, municipalities, total.Figures(), prefectureHeadquarters);
    }

    private List<string> Owners(string? municipality, IReadOnlyList<string> affected) =>
        municipality is not null ? [CityOf(municipality)] : [.. affected];

    /// <summary>A designated city's ward rolls up into the city, which is what issues and what tickers name.</summary>
    private string CityOf(string code) =>
        geography.FindMunicipality(code) is { Kind: AreaKind.DesignatedCityWard } ward ? ward.MunicipalityCode : code;

    private sealed class Tally
    {
        private readonly Dictionary<int, (int Areas, long Households, long Persons)> _levels = [];
        private ShelterFigures _shelters = new(0, 0, 0, 0);

        public HeadquartersSummary? Headquarters { get; set; }

        public void AddArea(int level, int? households, int? persons)
        {
            var (areas, h, p) = _levels.GetValueOrDefault(level);
            _levels[level] = (areas + 1, h + (households ?? 0), p + (persons ?? 0));
        }

        public void AddShelter(Shelter shelter) => _shelters = new ShelterFigures(
            _shelters.Open + 1, _shelters.Capacity + (shelter.Capacity ?? 0), _shelters.Persons + (shelter.Persons ?? 0), _shelters.Households + (shelter.Households ?? 0));

        public SummaryFigures Figures() => new(
            _levels.Count == 0 ? null : _levels.Keys.Max(),
            [.. Levels.Select(l =>
            {
                var (areas, households, persons) = _levels.GetValueOrDefault(l);
                return new LevelFigures(l, Terms.EvacuationLevel.Japanese(l.ToString(System.Globalization.CultureInfo.InvariantCulture)), areas, households, persons);
            })],
            _shelters);
    }
}
