using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Alert.EndToEnd.Tests.Infrastructure;

namespace Alert.EndToEnd.Tests;

/// <summary>L-Alert distributions over SOAP and REST, as prefecture disaster systems send them. Fixtures are written here.</summary>
public sealed class EdxlIngressTests(SharedHostFixture fixture) : IClassFixture<SharedHostFixture>
{
    private static readonly XNamespace Pc = "http://soap.publiccommons.ne.jp/";

    private AlertHubProcess Host => fixture.Host;

    private static string Now => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>An EvacuationOrder distribution from 千代田区 (131016), written after the domain notes.</summary>
    private static string Evacuation(string document, int revision, string type, string disaster, string sort = "避難指示", string issueOrLift = "発令", string status = "Actual", string errata = "") => $"""
        <edxlde:EDXLDistribution xmlns:edxlde="urn:oasis:names:tc:emergency:EDXL:DE:1.0" xmlns:commons="http://xml.publiccommons.ne.jp/xml/edxl/">
          <edxlde:distributionID>{Guid.NewGuid()}</edxlde:distributionID>
          <edxlde:senderID>bousai.city.chiyoda.tokyo.jp</edxlde:senderID>
          <edxlde:dateTimeSent>{Now}</edxlde:dateTimeSent>
          <edxlde:distributionStatus>{status}</edxlde:distributionStatus>
          <edxlde:distributionType>{type}</edxlde:distributionType>
          <edxlde:combinedConfidentiality>UNCLASSIFIED AND NOT SENSITIVE</edxlde:combinedConfidentiality>
          <edxlde:language>ja-JP</edxlde:language>
          <commons:targetArea><commons:areaName>千代田区</commons:areaName><commons:jisX0402>131016</commons:jisX0402></commons:targetArea>
          <commons:contentObject>
            <edxlde:contentDescription>千代田区 {sort}</edxlde:contentDescription>
            <commons:documentID>{document}</commons:documentID>
            <commons:documentRevision>{revision}</commons:documentRevision>
            <commons:previousDocumentRevision>{revision - 1}</commons:previousDocumentRevision>
            <commons:category>EvacuationOrder</commons:category>
            <commons:publishingOfficeName>千代田区</commons:publishingOfficeName>
            <commons:publishingOfficeID>131016</commons:publishingOfficeID>
            <edxlde:xmlContent><edxlde:embeddedXMLContent>
              <Report xmlns="http://xml.publiccommons.ne.jp/pcxml1/3">
                <Control><Title>避難勧告・指示情報</Title><EditorialOffice><OfficeName>千代田区</OfficeName></EditorialOffice>
                  <PublishingOffice><OfficeName>千代田区</OfficeName><OrganizationCode>131016</OrganizationCode></PublishingOffice>{errata}</Control>
                <Head><Title>避難情報</Title><ReportDateTime>{Now}</ReportDateTime><Headline><Text>千代田区 {sort}</Text></Headline></Head>
                <EvacuationOrder>
                  <Disaster><DisasterName>{disaster}</DisasterName></Disaster>
                  <TotalNumber><Households unit="世帯">120</Households><HeadCount>260</HeadCount></TotalNumber>
                  <Detail>
                    <Sort>{sort}</Sort><IssueOrLift>{issueOrLift}</IssueOrLift>
                    <Areas>
                      <Area><Location><areaName>神田一丁目</areaName><jisX0402>131016</jisX0402></Location><Households>80</Households><HeadCount>170</HeadCount></Area>
                      <Area><Location><areaName>神田二丁目</areaName><jisX0402>131016</jisX0402></Location><Households>40</Households><HeadCount>90</HeadCount></Area>
                    </Areas>
                  </Detail>
                </EvacuationOrder>
              </Report>
            </edxlde:embeddedXMLContent></edxlde:xmlContent>
          </commons:contentObject>
        </edxlde:EDXLDistribution>
        """;

    private static string Soap(string distribution, string? password) => $"""
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pc="http://soap.publiccommons.ne.jp/">
          <soap:Header>{(password is null ? "" : $"""
            <wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">
              <wsse:UsernameToken><wsse:Username>chiyoda</wsse:Username><wsse:Password>{password}</wsse:Password></wsse:UsernameToken>
            </wsse:Security>
            """)}</soap:Header>
          <soap:Body><pc:publish><pc:message>{distribution}</pc:message></pc:publish></soap:Body>
        </soap:Envelope>
        """;

    private async Task<(int Code, string Result)> PublishAsync(string envelope)
    {
        using var anonymous = new HttpClient { BaseAddress = Host.BaseAddress };
        using var content = new StringContent(envelope, Encoding.UTF8, "text/xml");
        content.Headers.Add("SOAPAction", "\"publish\"");
        using var response = await anonymous.PostAsync("/soap/publiccommons", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(Pc + "processResponse").Single();
        return (int.Parse(answer.Element(Pc + "code")!.Value, CultureInfo.InvariantCulture), answer.Element(Pc + "result")!.Value);
    }

    [Fact]
    public async Task SOAP_publish_answers_0_for_an_evacuation_order_and_follows_its_revisions_to_a_cancel()
    {
        using var reader = Host.CreateClient(Notices.Broadcaster);
        var (document, disaster) = (Guid.NewGuid().ToString(), $"令和8年大雨 {Guid.NewGuid():N}");

        var (code, result) = await PublishAsync(Soap(Evacuation(document, 1, "Report", disaster), Notices.Municipality13101));
        Assert.True(code == 0, result);
        var id = result.Split(' ')[1];
        var notice = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}");
        Assert.Equal(("evacuation", disaster), (notice.GetProperty("category").GetString(), notice.GetProperty("disaster").GetString()));
        var areas = notice.GetProperty("areas").EnumerateArray().ToList();
        Assert.Equal(["神田一丁目", "神田二丁目"], areas.Select(a => a.GetProperty("name").GetString()));
        Assert.All(areas, a => Assert.Equal((4, "13101"), (a.GetProperty("level").GetInt32(), a.GetProperty("municipality").GetString())));

        // A re-sent identical Report changes nothing; an Update raises the level; a correction says why.
        Assert.Contains($"{id} revision 1", (await PublishAsync(Soap(Evacuation(document, 1, "Report", disaster), Notices.Municipality13101))).Result, StringComparison.Ordinal);
        Assert.Contains($"{id} revision 2", (await PublishAsync(Soap(Evacuation(document, 2, "Update", disaster, "緊急安全確保"), Notices.Municipality13101))).Result, StringComparison.Ordinal);
        var errata = "<Errata><Description>地区名の誤り</Description><DateTime>2026-11-25T10:00:00+09:00</DateTime></Errata>";
        Assert.Contains($"{id} revision 3", (await PublishAsync(Soap(Evacuation(document, 3, "Update", disaster, "緊急安全確保", errata: errata), Notices.Municipality13101))).Result, StringComparison.Ordinal);
        Assert.Equal("corrected", (await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}")).GetProperty("kind").GetString());

        // Revision 2 arriving late (a retry through the other node) changes nothing: only a higher revision applies.
        var late = await PublishAsync(Soap(Evacuation(document, 2, "Update", disaster, "高齢者等避難"), Notices.Municipality13101));
        Assert.Equal(0, late.Code);
        Assert.Contains($"{id} revision 3", late.Result, StringComparison.Ordinal);
        var unchanged = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}");
        Assert.Equal((3, 5), (unchanged.GetProperty("revision").GetInt32(), unchanged.GetProperty("areas")[0].GetProperty("level").GetInt32()));

        var (cancelCode, _) = await PublishAsync(Soap(Evacuation(document, 4, "Cancel", disaster, errata: "<Errata><Description>誤発信</Description></Errata>"), Notices.Municipality13101));
        Assert.Equal(0, cancelCode);
        Assert.Equal("cancelled", (await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}")).GetProperty("kind").GetString());

        // After the cancel, neither a late revision nor a newer one of the same document starts the notice again.
        var lateAfterCancel = await PublishAsync(Soap(Evacuation(document, 3, "Update", disaster, "緊急安全確保"), Notices.Municipality13101));
        Assert.Equal(0, lateAfterCancel.Code);
        Assert.Contains("revision-not-newer", lateAfterCancel.Result, StringComparison.Ordinal);
        var reopened = await PublishAsync(Soap(Evacuation(document, 5, "Report", disaster), Notices.Municipality13101));
        Assert.Equal(402, reopened.Code);
        Assert.Contains("documentID", reopened.Result, StringComparison.Ordinal);
        var revisions = (await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}/revisions")).GetProperty("revisions");
        Assert.Equal(4, revisions.GetArrayLength());
        var active = await reader.GetFromJsonAsync<JsonElement>("/api/v1/prefectures/13/notices");
        Assert.DoesNotContain(active.GetProperty("notices").EnumerateArray(), n => n.GetProperty("disaster").GetString() == disaster);
    }

    [Fact]
    public async Task SOAP_publish_answers_402_for_a_schema_violation_and_901_without_a_key_changing_nothing()
    {
        using var reader = Host.CreateClient(Notices.Broadcaster);
        var before = (await reader.GetFromJsonAsync<JsonElement>("/api/v1/prefectures/13/feed?after=0&limit=1")).GetProperty("latestSequence").GetInt64();
        var valid = Evacuation(Guid.NewGuid().ToString(), 1, "Report", $"大雨 {Guid.NewGuid():N}");

        var noStatus = valid.Replace("<edxlde:distributionStatus>Actual</edxlde:distributionStatus>", string.Empty, StringComparison.Ordinal);
        var (code, result) = await PublishAsync(Soap(noStatus, Notices.Municipality13101));
        Assert.Equal(402, code);
        Assert.Contains("distributionStatus", result, StringComparison.Ordinal);

        var badLevel = valid.Replace("<Sort>避難指示</Sort>", "<Sort>大変危険</Sort>", StringComparison.Ordinal);
        Assert.Equal(402, (await PublishAsync(Soap(badLevel, Notices.Municipality13101))).Code);
        Assert.Equal(901, (await PublishAsync(Soap(valid, null))).Code);
        Assert.Equal(901, (await PublishAsync(Soap(valid, "not-a-key"))).Code);
        Assert.Equal(901, (await PublishAsync(Soap(valid, Notices.Broadcaster))).Code);
        var xxe = """<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>&x;</soap:Body></soap:Envelope>""";
        Assert.Equal(402, (await PublishAsync(xxe)).Code);

        var after = (await reader.GetFromJsonAsync<JsonElement>("/api/v1/prefectures/13/feed?after=0&limit=1")).GetProperty("latestSequence").GetInt64();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task REST_takes_the_same_distribution_with_problem_details()
    {
        using var issuer = Host.CreateClient(Notices.Municipality13101);
        var disaster = $"REST {Guid.NewGuid():N}";
        using var created = await issuer.PostAsync("/api/v1/edxl", new StringContent(Evacuation(Guid.NewGuid().ToString(), 1, "Report", disaster), Encoding.UTF8, "application/xml"));
        var receipt = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.StatusCode == HttpStatusCode.Created, receipt.ToString());
        Assert.Equal(["13101"], receipt.GetProperty("affectedMunicipalities").EnumerateArray().Select(e => e.GetString()));

        var neighbour = Evacuation(Guid.NewGuid().ToString(), 1, "Report", $"REST {Guid.NewGuid():N}").Replace("131016", "131024", StringComparison.Ordinal);
        using var forbidden = await issuer.PostAsync("/api/v1/edxl", new StringContent(neighbour, Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_notice_written_as_EDXL_reads_back_as_the_same_notice()
    {
        using var issuer = Host.CreateClient(Notices.Municipality13101);
        using var reader = Host.CreateClient(Notices.Broadcaster);
        var disaster = $"往復 {Guid.NewGuid():N}";
        using var created = await issuer.PostAsJsonAsync("/api/v1/notices", new
        {
            category = "evacuation", status = "actual", issuer = "13101", headline = "避難指示（往復）", disaster, hazard = "洪水",
            areas = new object[]
            {
                new { municipality = "13101", name = "神田川沿い", level = 4, households = 30, persons = 70, geometry = new { type = "Polygon", coordinates = new[] { new[] { new[] { 139.7525, 35.6950 }, new[] { 139.7600, 35.6950 }, new[] { 139.7560, 35.7000 }, new[] { 139.7525, 35.6950 } } } } },
                new { municipality = "13101", name = "全域", level = 3, households = 10, persons = 20 },
            },
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/notices/{id}");
        request.Headers.Accept.Add(new("application/edxl+xml"));
        using var response = await reader.SendAsync(request);
        Assert.Equal("application/edxl+xml", response.Content.Headers.ContentType?.MediaType);
        var edxl = await response.Content.ReadAsStringAsync();
        var root = XDocument.Parse(edxl).Root!;
        XNamespace commons = "http://xml.publiccommons.ne.jp/xml/edxl/";
        Assert.Equal(id, root.Descendants(commons + "documentID").Single().Value);
        Assert.Equal("131016", root.Descendants(commons + "jisX0402").Single().Value);

        // The same distribution sent back in is the same notice: same id, same areas, levels, counts and shape.
        using var back = await issuer.PostAsync("/api/v1/edxl", new StringContent(edxl, Encoding.UTF8, "application/xml"));
        var receipt = await back.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(back.IsSuccessStatusCode, receipt.ToString());
        Assert.Equal(id, receipt.GetProperty("id").GetString());

        var revisions = (await reader.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}/revisions")).GetProperty("revisions").EnumerateArray().Select(r => r.GetProperty("notice")).ToList();
        var (first, last) = (revisions[0], revisions[^1]);
        foreach (var field in new[] { "headline", "disaster", "hazard", "category", "issuer" })
        {
            Assert.Equal(first.GetProperty(field).ToString(), last.GetProperty(field).ToString());
        }

        static string Area(JsonElement a) => $"{a.GetProperty("municipality")}/{a.GetProperty("name")}/{a.GetProperty("level")}/{a.GetProperty("state")}/{a.GetProperty("households")}/{a.GetProperty("persons")}";
        Assert.Equal(first.GetProperty("areas").EnumerateArray().Select(Area), last.GetProperty("areas").EnumerateArray().Select(Area));
        var ring = last.GetProperty("areas")[0].GetProperty("geometry").GetProperty("coordinates")[0];
        Assert.Equal([139.7525, 35.6950], ring[0].EnumerateArray().Select(c => c.GetDouble()));
        Assert.Equal(4, ring.GetArrayLength());
    }

    [Fact]
    public async Task Mutated_documents_at_every_XML_door_never_get_a_server_error()
    {
        using var issuer = Host.CreateClient(Notices.Municipality13101);
        var edxl = Encoding.UTF8.GetBytes(Evacuation(Guid.NewGuid().ToString(), 1, "Report", $"変異 {Guid.NewGuid():N}"));
        var soap = Encoding.UTF8.GetBytes(Soap(Evacuation(Guid.NewGuid().ToString(), 1, "Report", $"変異 {Guid.NewGuid():N}"), Notices.Municipality13101));
        var cap = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Root, "tests", "Fixtures", "cap", "oasis-a2-severe-thunderstorm-polygon.xml"));
        var seed = Environment.TickCount;
        var random = new Random(seed);
        foreach (var (path, original, type) in new[] { ("/api/v1/edxl", edxl, "application/xml"), ("/soap/publiccommons", soap, "text/xml"), ("/api/v1/cap", cap, "application/cap+xml"), ("/api/v1/cap/validate", cap, "application/cap+xml") })
        {
            for (var i = 0; i < 60; i++)
            {
                var bytes = (byte[])original.Clone();
                for (var k = random.Next(1, 6); k > 0; k--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                using var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new(type);
                using var response = await issuer.PostAsync(path, content);
                Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode} (seed {seed}, iteration {i})\n{Host.Output[^Math.Min(Host.Output.Length, 3000)..]}");
                if (path.StartsWith("/soap", StringComparison.Ordinal))
                {
                    var code = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(Pc + "code").Single().Value;
                    Assert.Contains(code, new[] { "0", "402", "901" });
                }
            }
        }
    }
}
