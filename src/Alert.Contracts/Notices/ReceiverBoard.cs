namespace Alert.Contracts.Notices;

/// <summary>
/// The receiver rule, as a reference implementation for transmitters: upsert by notice id and accept only a higher
/// revision; a revision that ends its notice (lifted, cancelled, expired) removes it. Applied to envelopes in any
/// order, any number of times, it converges on the hub's board. Keep the highest revision seen of every id, ended
/// ones included, so a late duplicate of an older revision can never bring an ended notice back.
/// </summary>
public sealed class ReceiverBoard
{
    private readonly Dictionary<string, int> _highestRevision = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NoticeEnvelope> _inForce = new(StringComparer.Ordinal);

    /// <summary>The notices in force as this receiver knows them.</summary>
    public IReadOnlyCollection<NoticeEnvelope> InForce => _inForce.Values;

    /// <summary>Applies an envelope; false when it was a duplicate or older than what the receiver has.</summary>
    public bool Apply(NoticeEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (_highestRevision.TryGetValue(envelope.Id, out var highest) && highest >= envelope.Revision)
        {
            return false;
        }

        _highestRevision[envelope.Id] = envelope.Revision;
        if (envelope.Ends)
        {
            _inForce.Remove(envelope.Id);
        }
        else
        {
            _inForce[envelope.Id] = envelope;
        }

        return true;
    }
}
