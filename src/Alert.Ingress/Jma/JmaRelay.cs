using System.Globalization;
using System.Text;
using Alert.Contracts.Notices;
using Alert.Contracts.Problems;
using Alert.Contracts.Sequencing;
using Alert.Geo;
using Alert.Ingress.Geography;
using Alert.Ingress.Notices;
using Alert.Ingress.Validation;
using Microsoft.Extensions.Logging;

namespace Alert.Ingress.Jma;

/// <summary>
/// Relays a JMA report as one notice per prefecture it names, issued by that prefecture's code and submitted by the
/// relay. A series (the report type and its EventID, or for warnings, which have none, the forecast area's title)
/// keeps one notice per prefecture: a later report revises it, a 訂正 corrects it, a 取消 cancels it, and a report
/// whose areas are all lifted (解除) lifts it. Only a later report applies, so a re-sent or late report changes
/// nothing. Every prefecture's submission is resolved before any is written: a report is refused whole or relayed.
/// </summary>
internal sealed partial class JmaRelay(NoticeResolver resolver, JapanGeography geography, IGrainFactory grains, TimeProvider time, ILoggerFactory loggers)
{
    public const string SourceFormat = "jma";

    private const int MaxHeadlineLength = NoticeRequestReader.MaxHeadlineLength;
    private const int MaxTextLength = NoticeRequestReader.MaxTextLength;
    private static readonly DateTimeOffset RevisionEpoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ILogger _logger = loggers.CreateLogger<JmaRelay>();

    public async Task<JmaOutcome> RunAsync(JmaReport report, string organisation, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var warnings = new List<XmlFinding>();
        var revision = Revision(report);
        var outcome = report.IsCancellation
            ? await CancelAsync(report, organisation, source, warnings, cancellationToken)
            : await RelayAsync(report, organisation, source, revision, warnings, cancellationToken);
        LogRelayed(_logger, report.Title, report.InfoType, outcome.Notices.Count);
        return outcome with { Series = Series(report), Revision = revision };
    }

    /// <summary>
    /// Later reports are higher: the report time in minutes, then the serial, then a 訂正 above the report it corrects
    /// (JMA keeps the report time and serial of what a correction corrects).
    /// </summary>
    public static long Revision(JmaReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var minutes = (long)Math.Floor((report.ReportDateTime - RevisionEpoch).TotalMinutes);
        return (minutes * 1024) + (Math.Clamp(report.Serial ?? 0, 0, 511) * 2) + (report.IsCorrection ? 1 : 0);
    }

    /// <summary>The series a report belongs to: its type and its EventID, or its title where it has no EventID.</summary>
    public static string Series(JmaReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"{report.ControlTitle}/{report.InfoKind}/{(report.EventId.Length > 0 ? report.EventId : report.Title)}";
    }

    private async Task<JmaOutcome> RelayAsync(JmaReport report, string organisation, string source, long revision, List<XmlFinding> warnings, CancellationToken cancellationToken)
    {
        var groups = report.Places.Where(p => p.Kinds.Count == 0 || p.Kinds.Any(k => k.InForce || k.Lifted)).GroupBy(p => p.Prefecture).ToList();
        if (groups.Count == 0)
        {
            warnings.Add(new XmlFinding("/Report", "no-area-named", "この電文は国内の市区町村・都道府県を対象としていない（または全て発表なし）ため、中継するお知らせはありません。",
                "The report names no municipality or prefecture in Japan (or nothing issued in any), so there is nothing to relay."));
            return new JmaOutcome([], null, warnings);
        }

        // Resolve every prefecture's notice first: nothing is written unless all of them are valid.
        var submissions = new List<(string Prefecture, NoticeSubmission Submission, bool AnyInForce)>();
        var errors = new List<ProblemError>();
        foreach (var group in groups)
        {
            var (submission, anyInForce) = Resolve(report, group.Key, [.. group], organisation, source, revision, errors);
            if (submission is not null)
            {
                submissions.Add((group.Key, submission, anyInForce));
            }
        }

        if (errors.Count > 0)
        {
            return new JmaOutcome([], Problems.Invalid(errors), warnings);
        }

        var relayed = new List<JmaRelayed>();
        foreach (var (prefecture, submission, anyInForce) in submissions)
        {
            var started = time.GetTimestamp();
            var grain = grains.GetGrain<IPrefectureGrain>(prefecture);
            var current = await grain.FindBySource(SourceFormat, submission.Source!.Id, cancellationToken);
            if (current?.Source is { } applied && applied.Revision >= revision)
            {
                warnings.Add(new XmlFinding("/Report/Head", "revision-not-newer",
                    $"{Name(prefecture)}: この系列は同じか新しい電文まで反映済みです（{current.Id}）。この電文は反映しません。",
                    $"{Name(prefecture)}: the series is applied up to the same or a later report ({current.Id}); this one changes nothing."));
                relayed.Add(new JmaRelayed(prefecture, "unchanged", AcceptedNotice.From(current), false));
                continue;
            }

            if (current is { Ends: false })
            {
                var revised = await NoticeIngressEndpoints.CallAsync(loggers, time, started, prefecture,
                    () => grain.Revise(current.Id, current.Revision, submission, cancellationToken));
                if (revised is null || revised.Result is not (NoticeOutcomes.Accepted or NoticeOutcomes.Unchanged))
                {
                    return new JmaOutcome(relayed, Refusal(revised), warnings);
                }

                relayed.Add(new JmaRelayed(prefecture, revised.Result == NoticeOutcomes.Unchanged ? "unchanged" : revised.Notice!.Kind, revised.Notice!, false));
                continue;
            }

            if (!anyInForce)
            {
                warnings.Add(new XmlFinding("/Report/Body", "nothing-in-force",
                    $"{Name(prefecture)}: 解除の対象となる発表中のお知らせはありません。",
                    $"{Name(prefecture)}: nothing of this series is in force to lift."));
                continue;
            }

            var issued = await NoticeIngressEndpoints.CallAsync(loggers, time, started, prefecture, () => grain.Issue(submission with { ErrataReason = null }, cancellationToken));
            if (issued is null || issued.Result is not (NoticeOutcomes.Accepted or NoticeOutcomes.Unchanged))
            {
                return new JmaOutcome(relayed, Refusal(issued), warnings);
            }

            relayed.Add(new JmaRelayed(prefecture, issued.Result == NoticeOutcomes.Accepted ? NoticeKind.Issued : "unchanged", issued.Notice!, issued.Result == NoticeOutcomes.Accepted));
        }

        return new JmaOutcome(relayed, null, warnings);
    }

    /// <summary>A 取消 names the series, not its areas: every prefecture with a notice of the series in force is cancelled.</summary>
    private async Task<JmaOutcome> CancelAsync(JmaReport report, string organisation, string source, List<XmlFinding> warnings, CancellationToken cancellationToken)
    {
        var prefectures = geography.Dataset.Prefectures.Select(p => p.Code).ToList();
        var found = await Task.WhenAll(prefectures.Select(p => grains.GetGrain<IPrefectureGrain>(p).FindBySource(SourceFormat, SourceId(report, p), cancellationToken)));
        var reason = Clean(report.HeadlineText.Length > 0 ? report.HeadlineText : $"{report.Title}を取り消します。", multiline: false, 500);
        var relayed = new List<JmaRelayed>();
        foreach (var current in found.OfType<NoticeEnvelope>().Where(n => !n.Ends && n.Status == report.Status))
        {
            var started = time.GetTimestamp();
            var grain = grains.GetGrain<IPrefectureGrain>(current.Prefecture);
            var cancelled = await NoticeIngressEndpoints.CallAsync(loggers, time, started, current.Prefecture,
                () => grain.Cancel(current.Id, reason, organisation, source, cancellationToken));
            if (cancelled is null || cancelled.Result is not NoticeOutcomes.Accepted)
            {
                return new JmaOutcome(relayed, Refusal(cancelled), warnings);
            }

            relayed.Add(new JmaRelayed(current.Prefecture, NoticeKind.Cancelled, cancelled.Notice!, false));
        }

        if (relayed.Count == 0)
        {
            warnings.Add(new XmlFinding("/Report/Head/InfoType", "nothing-to-cancel", "取り消す対象のお知らせ（同じ系列で発表中のもの）はありません。",
                "No notice of this series is in force to cancel."));
        }

        return new JmaOutcome(relayed, null, warnings);
    }

    private (NoticeSubmission? Submission, bool AnyInForce) Resolve(
        JmaReport report, string prefecture, IReadOnlyList<JmaPlace> places, string organisation, string source, long revision, List<ProblemError> errors)
    {
        var municipal = places.Where(p => p.Municipality is not null).ToList();
        var anyInForce = places.Any(p => p.Kinds.Count == 0 || p.Kinds.Any(k => k.InForce));
        var areas = municipal.Select((p, i) => new AreaRequest($"places[{i}]", p.Municipality, p.Name, ShapeInput.None, Level(report, p), State(p), null, null)).ToList();
        var now = time.GetUtcNow();
        var request = new NoticeRequest(
            report.Category, report.Status, prefecture, Headline(report, places), null, null, null, areas, null, null, [], null, null,
            new Information(Clean(report.ControlTitle, false, 50), Clean(report.InfoKind, false, 50), Clean(report.Title, false, MaxHeadlineLength), Text(report, places), null),
            report.ValidDateTime is { } valid && valid > now && valid <= now + NoticeValidity.Longest ? valid : null,
            report.IsCorrection ? "気象庁による訂正（訂正報） / Corrected by JMA" : null);

        var (decision, submission, problems) = resolver.Resolve(request, IssuerScope.RelayIn(organisation, prefecture), source, now);
        if (decision != NoticeDecision.Accept)
        {
            errors.AddRange(problems.All.Select(e => e with { Field = $"{Name(prefecture)} {e.Field}" }));
            return (null, anyInForce);
        }

        submission = submission! with { Source = new SourceDocument(SourceFormat, SourceId(report, prefecture), revision) };
        if (municipal.Count == 0)
        {
            // Only regions are known here (a 津波予報区, a seismic 都道府県, a 府県予報区): the notice names them and
            // reaches every municipality of the prefecture, so no subscriber of a coast or town in it is missed.
            var everyone = geography.Dataset.Municipalities.Where(m => m.PrefectureCode == prefecture).ToList();
            submission = submission with
            {
                Content = submission.Content with { Areas = [.. places.Select(p => new NoticeArea(null, p.Name, null, Level(report, p), State(p)))] },
                AffectedMunicipalities = [.. everyone.Select(m => m.Code).Order(StringComparer.Ordinal)],
                EstimatedPopulation = everyone.Sum(m => m.Population ?? 0),
            };
        }

        return (submission, anyInForce);
    }

    /// <summary>Per prefecture and status: a drill of the same series never revises the actual notice, nor the reverse.</summary>
    private static string SourceId(JmaReport report, string prefecture) => $"{Series(report)}/{report.Status}/{prefecture}";

    private static string State(JmaPlace place) =>
        place.Kinds.Count == 0 || place.Kinds.Any(k => k.InForce) ? AreaStates.Issued : AreaStates.Lifted;

    /// <summary>
    /// The evacuation level a weather kind corresponds to (警戒レベル相当), so a <c>minLevel</c> subscriber hears a
    /// 土砂災害警戒情報 (4 相当) with the orders: named levels (レベル４…) as given, 特別警報 5, 土砂災害警戒情報 and
    /// 氾濫危険情報 4, rain, flood, storm-surge and landslide 警報 3 and 注意報 2. Other kinds (暴風, 雷, earthquakes,
    /// tsunamis, volcanoes) carry no evacuation level.
    /// </summary>
    private static int? Level(JmaReport report, JmaPlace place)
    {
        if (report.Category != NoticeCategory.Weather)
        {
            return null;
        }

        int? highest = null;
        foreach (var kind in place.Kinds.Where(k => k.InForce))
        {
            var level = KindLevel(kind.Name);
            if (level > (highest ?? 0))
            {
                highest = level;
            }
        }

        return highest;
    }

    internal static int? KindLevel(string name)
    {
        for (var level = 5; level >= 2; level--)
        {
            var digit = (char)('０' + level);
            if (name.Contains($"レベル{digit}", StringComparison.Ordinal) || name.Contains($"レベル{level}", StringComparison.Ordinal))
            {
                return level;
            }
        }

        var rainLike = name.Contains("大雨", StringComparison.Ordinal) || name.Contains("洪水", StringComparison.Ordinal)
            || name.Contains("高潮", StringComparison.Ordinal) || name.Contains("土砂", StringComparison.Ordinal) || name.Contains("氾濫", StringComparison.Ordinal);
        return name switch
        {
            _ when name.Contains("氾濫発生", StringComparison.Ordinal) => 5,
            _ when rainLike && name.Contains("特別警報", StringComparison.Ordinal) => 5,
            _ when name.Contains("土砂災害警戒情報", StringComparison.Ordinal) || name == "警戒" || name.Contains("氾濫危険", StringComparison.Ordinal) => 4,
            _ when name.Contains("氾濫警戒", StringComparison.Ordinal) => 3,
            _ when name.Contains("氾濫注意", StringComparison.Ordinal) => 2,
            _ when rainLike && name.Contains("警報", StringComparison.Ordinal) => 3,
            _ when rainLike && name.Contains("注意報", StringComparison.Ordinal) => 2,
            _ => null,
        };
    }

    /// <summary>The report's title and what is in force in this prefecture, strongest first: 奈良県気象警報・注意報　大雨特別警報・雷注意報.</summary>
    private static string Headline(JmaReport report, IReadOnlyList<JmaPlace> places)
    {
        var inForce = places.SelectMany(p => p.Kinds).Where(k => k.InForce).Select(k => k.Name).Distinct(StringComparer.Ordinal)
            .OrderByDescending(name => KindLevel(name) ?? 0).Take(4).ToList();
        var said = inForce.Count > 0 ? string.Join("・", inForce) : places.Any(p => p.Kinds.Count == 0) ? string.Empty : "解除";
        return Clean(said.Length == 0 ? report.Title : $"{report.Title}　{said}", multiline: false, MaxHeadlineLength);
    }

    /// <summary>The report's headline text, then one line per place with every kind said of it.</summary>
    private static string Text(JmaReport report, IReadOnlyList<JmaPlace> places)
    {
        var text = new StringBuilder(report.HeadlineText);
        if (text.Length > 0)
        {
            text.Append("\n\n");
        }

        foreach (var place in places)
        {
            text.Append(place.Name);
            if (place.Kinds.Count > 0)
            {
                text.Append('：').AppendJoin('、', place.Kinds);
            }

            text.Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"（気象庁 {report.EditorialOffice} {report.ReportDateTime.ToOffset(TimeSpan.FromHours(9)):yyyy-MM-dd HH:mm} 発表）");
        return Clean(text.ToString(), multiline: true, MaxTextLength);
    }

    /// <summary>JMA text as the hub shows it: no control or bidirectional-override characters, within the length limit.</summary>
    private static string Clean(string value, bool multiline, int maxLength)
    {
        var cleaned = new StringBuilder(Math.Min(value.Length, maxLength));
        foreach (var c in value.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            cleaned.Append(TextRules.IsForbidden(c, multiline) ? ' ' : c);
        }

        var result = cleaned.ToString().Trim();
        return result.Length <= maxLength ? result : string.Concat(result.AsSpan(0, maxLength - 1), "…");
    }

    private string Name(string prefecture) => geography.FindPrefecture(prefecture)?.Name ?? prefecture;

    private static Problem Refusal(NoticeOutcome? outcome) => outcome is null
        ? Problems.Unavailable("受け付けられませんでした。同じ電文を再送してください（反映済みの分は重複しません）。",
            "Not accepted; send the same report again (what was applied is never applied twice).")
        : Problems.Conflict($"お知らせ {outcome.Notice?.Id} は同時に改訂されました。同じ電文を再送してください。",
            $"Notice {outcome.Notice?.Id} was revised meanwhile; send the same report again.", outcome.Notice);

    [LoggerMessage(Level = LogLevel.Information, Message = "Relayed JMA report {Title} ({InfoType}) to {Count} prefecture notice(s)")]
    private static partial void LogRelayed(ILogger logger, string title, string infoType, int count);
}

/// <summary>What a relayed report did in each prefecture, or the problem that stopped it.</summary>
internal sealed record JmaOutcome(IReadOnlyList<JmaRelayed> Notices, Problem? Problem, IReadOnlyList<XmlFinding> Warnings)
{
    public string Series { get; init; } = string.Empty;

    public long Revision { get; init; }
}

/// <summary>One prefecture's notice after a report: issued, updated, corrected, lifted, cancelled or unchanged.</summary>
internal sealed record JmaRelayed(string Prefecture, string Action, AcceptedNotice Notice, bool Created);
