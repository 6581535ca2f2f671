using Alert.Contracts.Delivery;

namespace Alert.Silo.Delivery;

/// <summary>Durable delivery records: per prefecture, sequence and transmitter, the earliest sent and acknowledged times.</summary>
public interface IDeliveryStore
{
    /// <summary>Merges reports, keeping the earliest times; reports for sequences never journalled are ignored.</summary>
    Task RecordAsync(string prefecture, IReadOnlyList<DeliveryReport> reports, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeliveryRecord>> ReadAsync(string noticeId, CancellationToken cancellationToken);
}
