using Alert.Contracts.Broadcasting;
using Alert.Contracts.Delivery;

namespace Alert.Silo.Delivery;

/// <summary>
/// A prefecture's delivery ledger. It only forwards to the store: merging keeps the earliest time, so it needs no
/// state of its own and the order in which hosts report does not matter.
/// </summary>
internal sealed class DeliveryLedgerGrain(IDeliveryStore store) : Grain, IDeliveryLedgerGrain
{
    public Task Record(IReadOnlyList<DeliveryReport> reports, CancellationToken cancellationToken) =>
        reports.Count == 0 ? Task.CompletedTask : store.RecordAsync(this.GetPrimaryKeyString(), reports, cancellationToken);

    public Task<IReadOnlyList<DeliveryRecord>> GetDeliveries(string noticeId, CancellationToken cancellationToken) =>
        PrefectureCodes.IsValid(this.GetPrimaryKeyString()) ? store.ReadAsync(noticeId, cancellationToken) : Task.FromResult<IReadOnlyList<DeliveryRecord>>([]);
}
