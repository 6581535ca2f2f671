namespace Alert.Contracts.Notices;

/// <summary>What a revision did to its notice. The last three end the notice.</summary>
public static class NoticeKind
{
    /// <summary>Revision 1.</summary>
    public const string Issued = "issued";

    /// <summary>A new snapshot (更新).</summary>
    public const string Updated = "updated";

    /// <summary>A new snapshot fixing an error, with a reason (訂正).</summary>
    public const string Corrected = "corrected";

    /// <summary>Every area lifted (解除): the notice ends.</summary>
    public const string Lifted = "lifted";

    /// <summary>The notice was erroneous and is withdrawn (取消): it ends.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Its validity ran out: it ends.</summary>
    public const string Expired = "expired";

    public static bool Ends(string kind) => kind is Lifted or Cancelled or Expired;
}
