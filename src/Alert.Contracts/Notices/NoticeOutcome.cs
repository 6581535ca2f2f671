namespace Alert.Contracts.Notices;

/// <summary>What the sequencer did with an issue, revise or cancel request.</summary>
/// <param name="Result">One of <see cref="NoticeOutcomes"/>.</param>
/// <param name="Notice">The revision now in force (new, or the current one when unchanged or in conflict).</param>
[GenerateSerializer, Immutable, Alias("alerthub.NoticeOutcome")]
public sealed record NoticeOutcome(
    [property: Id(0)] string Result,
    [property: Id(1)] AcceptedNotice? Notice);

public static class NoticeOutcomes
{
    /// <summary>A new revision was journalled and published.</summary>
    public const string Accepted = "accepted";

    /// <summary>The snapshot equals the current revision: nothing was written (idempotent re-send).</summary>
    public const string Unchanged = "unchanged";

    /// <summary>The expected revision is not the current one, or a state notice already exists for the key.</summary>
    public const string Conflict = "conflict";

    /// <summary>No notice with that id in this prefecture.</summary>
    public const string NotFound = "not-found";

    /// <summary>The notice already ended (lifted, cancelled or expired); it cannot be revised.</summary>
    public const string Ended = "ended";

    /// <summary>The revision changes what may not change: category, status or issuer.</summary>
    public const string Mismatch = "mismatch";
}
