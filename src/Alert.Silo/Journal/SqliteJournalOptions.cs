using System.ComponentModel.DataAnnotations;

namespace Alert.Silo.Journal;

/// <summary>Where and how the embedded SQLite journal stores envelopes.</summary>
public sealed class SqliteJournalOptions
{
    /// <summary>Full path of the database file.</summary>
    [Required]
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>Most writes committed (and fsynced) together; concurrent issuers share one fsync.</summary>
    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 256;
}
