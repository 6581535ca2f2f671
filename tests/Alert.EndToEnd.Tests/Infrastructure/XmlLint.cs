using System.Diagnostics;

namespace Alert.EndToEnd.Tests.Infrastructure;

/// <summary>
/// libxml2's <c>xmllint</c> (Debian libxml2-utils, installed by test.sh): a schema validator that shares no code with
/// the service, so CAP the service writes is checked against the official OASIS XSD by someone else's parser.
/// </summary>
internal static class XmlLint
{
    public static string CapSchema => Path.Combine(RepositoryPaths.Root, "tests", "Fixtures", "cap", "cap12.xsd");

    /// <summary>Validates the document; returns xmllint's complaints, or null when it is valid.</summary>
    public static async Task<string?> ValidateAsync(byte[] document, string schema)
    {
        var file = Path.Combine(Path.GetTempPath(), $"alerthub-{Guid.NewGuid():N}.xml");
        await File.WriteAllBytesAsync(file, document);
        try
        {
            var start = new ProcessStartInfo("xmllint", ["--noout", "--nonet", "--schema", schema, file])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? null : errors;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
