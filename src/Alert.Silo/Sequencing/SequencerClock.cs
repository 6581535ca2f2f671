namespace Alert.Silo.Sequencing;

/// <summary>
/// The clock sequencers stamp envelopes and host leases with, registered under its own key so tests can drive it with
/// a fake without also freezing the clock Orleans' own timers run on.
/// </summary>
public static class SequencerClock
{
    public const string Key = "alerthub.sequencer-clock";
}
