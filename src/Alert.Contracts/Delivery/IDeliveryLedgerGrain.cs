namespace Alert.Contracts.Delivery;

/// <summary>
/// One prefecture's record of which transmitters were sent and acknowledged which envelopes (key: 2-digit code).
/// Hosts report in batches, one message per host per flush, never one per connection.
/// </summary>
[Alias("alerthub.IDeliveryLedgerGrain")]
public interface IDeliveryLedgerGrain : IGrainWithStringKey
{
    [Alias("Record")]
    Task Record(IReadOnlyList<DeliveryReport> reports, CancellationToken cancellationToken = default);

    [Alias("GetDeliveries")]
    Task<IReadOnlyList<DeliveryRecord>> GetDeliveries(string noticeId, CancellationToken cancellationToken = default);
}
