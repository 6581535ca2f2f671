namespace Alert.EndToEnd.Tests.Infrastructure;

/// <summary>One host for a test class whose tests can share it (each uses its own prefecture or sequences).</summary>
public sealed class SharedHostFixture : IAsyncLifetime
{
    private AlertHubProcess? _host;

    public AlertHubProcess Host => _host ?? throw new InvalidOperationException("Host not started.");

    public async Task InitializeAsync() => _host = await AlertHubProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            try
            {
                Directory.Delete(_host.DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }
}
