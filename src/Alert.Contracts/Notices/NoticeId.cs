namespace Alert.Contracts.Notices;

/// <summary>
/// Notice identifiers carry their prefecture ("13-0196…"), so any host can route a read to the right sequencer
/// without a directory lookup.
/// </summary>
public static class NoticeId
{
    public static string Create(string prefecture, Guid unique) => $"{prefecture}-{unique:N}";

    public static bool TryGetPrefecture(string? id, out string prefecture)
    {
        prefecture = string.Empty;
        if (id is not { Length: 35 } || id[2] != '-' || !char.IsAsciiDigit(id[0]) || !char.IsAsciiDigit(id[1]))
        {
            return false;
        }

        foreach (var c in id.AsSpan(3))
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        prefecture = id[..2];
        return true;
    }
}
