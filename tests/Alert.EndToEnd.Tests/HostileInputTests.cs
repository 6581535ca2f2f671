using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Alert.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Alert.EndToEnd.Tests;

/// <summary>
/// The hostile-input corpus, sent to the running service as an attacker would: malformed and hostile JSON, CAP, EDXL,
/// SOAP, JMA XML, GeoJSON, hub and administration requests. Each gets its documented 4xx problem in Japanese and
/// English (SOAP: its processResponse code), never a 5xx; afterwards the service answers normally and no notice,
/// revision, webhook, organisation or key has changed.
/// </summary>
public sealed class HostileInputTests(SharedHostFixture fixture) : IClassFixture<SharedHostFixture>
{
    private const string Chiyoda = Notices.Municipality13101;
    private const string Exercise = "dev-exercise-13101";
    private const string Relay = "dev-relay";
    private const string Admin = "dev-admin";

    private AlertHubProcess Host => fixture.Host;

    /// <summary>One hostile request and what it must get: an HTTP status, or for SOAP the processResponse code.</summary>
    public sealed record Case(string Name, HttpMethod Method, string Path, string? Key, string? ContentType, byte[]? Body, int Expected, string? IfMatch = null, string? Authorization = null);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static string Now(int days = 0) => DateTimeOffset.UtcNow.AddDays(days).ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> Evacuation(Action<Dictionary<string, object?>>? change = null)
    {
        var notice = new Dictionary<string, object?>
        {
            ["category"] = "evacuation", ["status"] = "actual", ["issuer"] = "13101", ["headline"] = "避難指示", ["level"] = 4,
            ["areas"] = new object[] { new { municipality = "13101", name = "丸の内一丁目" } },
        };
        change?.Invoke(notice);
        return notice;
    }

    private static object Polygon(params double[][] ring) => new { type = "Polygon", coordinates = new[] { ring } };

    private static object[] ShapeArea(object geometry) => [new { name = "範囲", geometry }];

    private static Case Notice(string name, Action<Dictionary<string, object?>> change, int expected, string key = Chiyoda) =>
        new(name, HttpMethod.Post, "/api/v1/notices", key, "application/json", Utf8(Json(Evacuation(change))), expected);

    private static Case RawNotice(string name, byte[] body, int expected, string contentType = "application/json") =>
        new(name, HttpMethod.Post, "/api/v1/notices", Chiyoda, contentType, body, expected);

    private const string XxeHead = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>";
    private const string Laughs = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><r>&d;&d;&d;&d;</r>";
    private const string ExternalDtd = "<?xml version=\"1.0\"?><!DOCTYPE alert SYSTEM \"http://127.0.0.1:1/cap.dtd\"><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"/>";

    private static string Deep(int depth) => string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth));

    private static string Many(int elements) => "<r>" + string.Concat(Enumerable.Repeat("<e/>", elements)) + "</r>";

    private static byte[] InvalidUtf8(string before, string after) => [.. Utf8(before), 0xC3, 0x28, 0xFF, 0xFE, .. Utf8(after)];

    private static string Cap(string status = "Actual", string msgType = "Alert", string references = "", string sent = "", string area = "<area><areaDesc>千代田区</areaDesc><geocode><valueName>JIS X 0402</valueName><value>131016</value></geocode></area>", string ns = "urn:oasis:names:tc:emergency:cap:1.2", string identifier = "", string headline = "千代田区 避難指示") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="{ns}">
          <identifier>{(identifier.Length > 0 ? identifier : $"hostile-{Guid.NewGuid():N}")}</identifier><sender>bousai@city.chiyoda.lg.jp</sender><sent>{(sent.Length > 0 ? sent : Now())}</sent>
          <status>{status}</status><msgType>{msgType}</msgType><scope>Public</scope>{references}
          <info><language>ja-JP</language><category>Safety</category><event>避難指示</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Likely</certainty>
            <headline>{headline}</headline>{area}</info>
        </alert>
        """;

    private static string Edxl(string status = "Actual", string code = "131016", string issuerCode = "131016", string id = "", string sent = "") => $"""
        <edxlde:EDXLDistribution xmlns:edxlde="urn:oasis:names:tc:emergency:EDXL:DE:1.0" xmlns:commons="http://xml.publiccommons.ne.jp/xml/edxl/">
          <edxlde:distributionID>{(id.Length > 0 ? id : Guid.NewGuid().ToString())}</edxlde:distributionID><edxlde:senderID>hostile</edxlde:senderID>
          <edxlde:dateTimeSent>{(sent.Length > 0 ? sent : Now())}</edxlde:dateTimeSent><edxlde:distributionStatus>{status}</edxlde:distributionStatus>
          <edxlde:distributionType>Report</edxlde:distributionType><edxlde:combinedConfidentiality>UNCLASSIFIED AND NOT SENSITIVE</edxlde:combinedConfidentiality>
          <edxlde:language>ja-JP</edxlde:language>
          <commons:targetArea><commons:areaName>千代田区</commons:areaName><commons:jisX0402>{code}</commons:jisX0402></commons:targetArea>
          <commons:contentObject><edxlde:contentDescription>避難指示</edxlde:contentDescription>
            <commons:documentID>hostile-{Guid.NewGuid():N}</commons:documentID><commons:documentRevision>1</commons:documentRevision>
            <commons:category>EvacuationOrder</commons:category><commons:publishingOfficeName>千代田区</commons:publishingOfficeName><commons:publishingOfficeID>{issuerCode}</commons:publishingOfficeID>
            <edxlde:xmlContent><edxlde:embeddedXMLContent>
              <Report xmlns="http://xml.publiccommons.ne.jp/pcxml1/3"><Control><Title>避難勧告・指示情報</Title></Control>
                <Head><Title>避難情報</Title><ReportDateTime>{Now()}</ReportDateTime><Headline><Text>避難指示</Text></Headline></Head>
                <EvacuationOrder><Disaster><DisasterName>hostile</DisasterName></Disaster><Detail><Sort>避難指示</Sort><IssueOrLift>発令</IssueOrLift>
                  <Areas><Area><Location><areaName>神田一丁目</areaName><jisX0402>{code}</jisX0402></Location></Area></Areas></Detail></EvacuationOrder>
              </Report></edxlde:embeddedXMLContent></edxlde:xmlContent>
          </commons:contentObject>
        </edxlde:EDXLDistribution>
        """;

    private static string Soap(string inner, string? password) => $"""
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pc="http://soap.publiccommons.ne.jp/">
          <soap:Header>{(password is null ? "" : $"<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\"><wsse:UsernameToken><wsse:Username>x</wsse:Username><wsse:Password>{password}</wsse:Password></wsse:UsernameToken></wsse:Security>")}</soap:Header>
          <soap:Body>{inner}</soap:Body>
        </soap:Envelope>
        """;

    private static string Jma(string replace = "", string with = "") =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Fixtures", "jma", "17_02_01_190529_VXWW50.xml"))
            .Replace("渡島・檜山地方土砂災害警戒情報", "敵対入力土砂災害警戒情報", StringComparison.Ordinal)
            .Replace(replace.Length > 0 ? replace : "\u0000", with, StringComparison.Ordinal);

    private static Case Xml(string name, string path, string key, string contentType, string body, int expected) =>
        new(name, HttpMethod.Post, path, key, contentType, Utf8(body), expected);

    private static Case SoapCase(string name, string body, int code) =>
        new(name, HttpMethod.Post, "/soap/publiccommons", null, "text/xml", Utf8(body), code);

    public static IEnumerable<Case> Corpus()
    {
        // JSON notices: syntax, structure and size.
        yield return RawNotice("json-syntax", Utf8("{\"category\":\"evacuation\","), 400);
        yield return RawNotice("json-duplicate-level", Utf8(Json(Evacuation()).Replace("\"level\":4", "\"level\":4,\"level\":5", StringComparison.Ordinal)), 400);
        yield return RawNotice("json-depth-bomb", Utf8(string.Concat(Enumerable.Repeat("[", 500)) + string.Concat(Enumerable.Repeat("]", 500))), 400);
        yield return RawNotice("json-oversized", Utf8("{\"headline\":\"" + new string('a', 5 * 1024 * 1024) + "\"}"), 413);
        yield return RawNotice("json-invalid-utf8", InvalidUtf8("{\"category\":\"evacuation\",\"headline\":\"", "\"}"), 400);
        yield return RawNotice("json-lone-surrogate-escape", Utf8("{\"category\":\"evacuation\",\"headline\":\"\\uDE38\"}"), 400);
        yield return RawNotice("json-lone-surrogate-name", Utf8("{\"\\uD800\":1}"), 400);
        yield return RawNotice("json-nan-literal", Utf8(Json(Evacuation()).Replace("\"level\":4", "\"level\":NaN", StringComparison.Ordinal)), 400);
        yield return RawNotice("json-infinity-literal", Utf8(Json(Evacuation()).Replace("\"level\":4", "\"level\":Infinity", StringComparison.Ordinal)), 400);
        yield return RawNotice("json-empty-body", [], 400);
        yield return RawNotice("json-array-root", Utf8("[]"), 422);
        yield return RawNotice("json-null-root", Utf8("null"), 422);
        yield return RawNotice("json-text-plain", Utf8(Json(Evacuation())), 415, "text/plain");
        yield return RawNotice("json-bom-and-garbage", [0xEF, 0xBB, 0xBF, .. Utf8("}{")], 400);

        // JSON notices: rules.
        yield return Notice("status-missing", n => n.Remove("status"), 422);
        yield return Notice("status-wrong-case", n => n["status"] = "ACTUAL", 422);
        yield return Notice("category-unknown", n => n["category"] = "alien-invasion", 422);
        yield return Notice("category-relayed-only", n => n["category"] = "weather", 422);
        yield return Notice("level-6", n => n["level"] = 6, 422);
        yield return Notice("level-as-float", n => n["level"] = 4.5, 422);
        yield return Notice("level-as-object", n => n["level"] = new { value = 4 }, 422);
        yield return Notice("headline-huge", n => n["headline"] = new string('避', 100_000), 422);
        yield return Notice("headline-control-characters", n => n["headline"] = "避難\u0007指示\u001b[2J", 422);
        yield return Notice("headline-bidi-override", n => n["headline"] = "避難\u202Eお知らせ", 422);
        yield return Notice("headline-bidi-isolate", n => n["headline"] = "避難\u2066指示\u2069", 422);
        yield return Notice("headline-empty", n => n["headline"] = "", 422);
        yield return Notice("valid-until-far-past", n => n["validUntil"] = "1999-01-01T00:00:00+09:00", 422);
        yield return Notice("valid-until-far-future", n => n["validUntil"] = "2199-01-01T00:00:00+09:00", 422);
        yield return Notice("valid-until-not-a-time", n => n["validUntil"] = "tomorrow", 422);
        yield return Notice("issuer-not-a-code", n => n["issuer"] = "abc", 422);
        yield return Notice("issuer-unknown-prefecture", n => n["issuer"] = "99", 422);
        yield return Notice("issuer-sql-injection", n => n["issuer"] = "13101'; DROP TABLE notice_journal;--", 422);
        yield return Notice("areas-empty", n => n["areas"] = Array.Empty<object>(), 422);
        yield return Notice("areas-too-many", n => n["areas"] = Enumerable.Range(0, 2_001).Select(i => new { municipality = "13101", name = $"地区{i}" }).ToArray(), 422);
        yield return Notice("areas-duplicate", n => n["areas"] = new object[] { new { municipality = "13101", name = "同じ" }, new { municipality = "13101", name = "同じ" } }, 422);
        yield return Notice("unknown-field", n => n["priority"] = "urgent", 422);
        yield return Notice("households-negative", n => n["households"] = -5, 422);
        yield return Notice("persons-huge", n => n["persons"] = 1e30, 422);
        yield return Notice("code-wrong-check-digit", n => n["areas"] = new object[] { new { municipality = "131017" } }, 422);
        yield return Notice("code-unknown-municipality", n => n["areas"] = new object[] { new { municipality = "13999" } }, 422);
        yield return Notice("code-jma-warning-area", n => n["areas"] = new object[] { new { municipality = "1310101" } }, 422);
        yield return Notice("neighbour-by-code", n => { n["issuer"] = "13102"; n["areas"] = new object[] { new { municipality = "13102" } }; }, 403);
        yield return Notice("neighbour-area-under-own-name", n => n["areas"] = new object[] { new { municipality = "13102" } }, 403);
        yield return Notice("exercise-key-escalates-to-actual", _ => { }, 403, Exercise);
        yield return Notice("transmitter-issues", _ => { }, 403, Notices.Broadcaster);
        yield return Notice("relay-issues-through-json", _ => { }, 403, Relay);

        // GeoJSON shapes.
        yield return Notice("polygon-neighbour-territory", n => n["areas"] = ShapeArea(Polygon([139.770, 35.665], [139.780, 35.665], [139.780, 35.672], [139.770, 35.672], [139.770, 35.665])), 403);
        yield return Notice("polygon-self-intersecting", n => n["areas"] = ShapeArea(Polygon([139.75, 35.68], [139.76, 35.69], [139.76, 35.68], [139.75, 35.69], [139.75, 35.68])), 422);
        yield return Notice("polygon-swapped", n => n["areas"] = ShapeArea(Polygon([35.68, 139.75], [35.68, 139.76], [35.69, 139.76], [35.68, 139.75])), 422);
        yield return Notice("polygon-unclosed", n => n["areas"] = ShapeArea(Polygon([139.75, 35.68], [139.76, 35.68], [139.76, 35.69], [139.75, 35.69])), 422);
        yield return Notice("polygon-two-points", n => n["areas"] = ShapeArea(Polygon([139.75, 35.68], [139.75, 35.68])), 422);
        yield return Notice("polygon-at-sea", n => n["areas"] = ShapeArea(Polygon([140.50, 34.00], [140.60, 34.00], [140.60, 34.10], [140.50, 34.00])), 422);
        yield return Notice("polygon-abroad", n => n["areas"] = ShapeArea(Polygon([-0.12, 51.50], [-0.11, 51.50], [-0.11, 51.51], [-0.12, 51.50])), 422);
        yield return Notice("polygon-nan-string", n => n["areas"] = ShapeArea(new { type = "Polygon", coordinates = new[] { new[] { new object[] { "NaN", 35.68 }, new object[] { 139.76, 35.68 }, new object[] { 139.76, 35.69 }, new object[] { "NaN", 35.68 } } } }), 422);
        yield return RawNotice("polygon-huge-number", Utf8(Json(Evacuation(n => n["areas"] = ShapeArea(Polygon([139.75, 35.68], [139.76, 35.68], [139.76, 35.69], [139.75, 35.68])))).Replace("139.75,35.68]", "1e400,35.68]", StringComparison.Ordinal)), 422);
        yield return Notice("polygon-million-vertices-cap", n => n["areas"] = ShapeArea(Polygon([.. Enumerable.Range(0, 60_001).Select(i => new[] { 139.75 + (0.001 * Math.Cos(i)), 35.68 + (0.001 * Math.Sin(i)) }), [139.751, 35.68]])), 422);
        yield return RawNotice("polygon-million-vertices-size", Utf8(Json(Evacuation(n => n["areas"] = ShapeArea(Polygon([.. Enumerable.Range(0, 1_000_000).Select(i => new[] { 139.75 + (0.001 * Math.Cos(i)), 35.68 + (0.001 * Math.Sin(i)) })]))))), 413);
        yield return Notice("geometry-unknown-type", n => n["areas"] = ShapeArea(new { type = "Sphere", coordinates = new[] { 139.75, 35.68 } }), 422);
        yield return Notice("geometry-as-string", n => n["areas"] = ShapeArea("POLYGON((139 35, 140 35, 140 36, 139 35))"), 422);
        yield return Notice("cap-polygon-garbage", n => n["areas"] = new object[] { new { name = "範囲", polygon = "35.68,139.75 x,y 35.69,139.76 35.68,139.75" } }, 422);
        yield return Notice("circle-negative-radius", n => n["areas"] = new object[] { new { name = "範囲", circle = new { lat = 35.68, lon = 139.76, radiusKm = -1 } } }, 422);

        // Revisions and cancellation.
        yield return new Case("revise-unknown", HttpMethod.Put, "/api/v1/notices/13-0123456789abcdef0123456789abcdef", Chiyoda, "application/json", Utf8(Json(Evacuation())), 404, "\"1\"");
        yield return new Case("revise-without-if-match", HttpMethod.Put, "/api/v1/notices/13-0123456789abcdef0123456789abcdef", Chiyoda, "application/json", Utf8(Json(Evacuation())), 428);
        yield return new Case("revise-weak-etag", HttpMethod.Put, "/api/v1/notices/13-0123456789abcdef0123456789abcdef", Chiyoda, "application/json", Utf8(Json(Evacuation())), 428, "W/\"1\"");
        yield return new Case("cancel-unknown", HttpMethod.Post, "/api/v1/notices/13-0123456789abcdef0123456789abcdef/cancel", Chiyoda, "application/json", Utf8("{\"reason\":\"誤り\"}"), 404);
        yield return new Case("cancel-path-traversal", HttpMethod.Post, "/api/v1/notices/..%2F..%2Fetc%2Fpasswd/cancel", Chiyoda, "application/json", Utf8("{\"reason\":\"誤り\"}"), 404);

        // Keys.
        yield return new Case("no-key", HttpMethod.Post, "/api/v1/notices", null, "application/json", Utf8(Json(Evacuation())), 401);
        yield return new Case("garbage-key", HttpMethod.Post, "/api/v1/notices", null, "application/json", Utf8(Json(Evacuation())), 401, Authorization: "Bearer <script>alert(1)</script>%00\"';--");
        yield return new Case("forged-registry-key", HttpMethod.Post, "/api/v1/notices", null, "application/json", Utf8(Json(Evacuation())), 401, Authorization: "Bearer ah_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        yield return new Case("huge-key", HttpMethod.Post, "/api/v1/notices", null, "application/json", Utf8(Json(Evacuation())), 401, Authorization: "Bearer " + new string('k', 4000));
        yield return new Case("basic-scheme", HttpMethod.Post, "/api/v1/notices", null, "application/json", Utf8(Json(Evacuation())), 401, Authorization: "Basic ZGV2OmRldg==");
        yield return new Case("key-in-query-outside-hub", HttpMethod.Post, $"/api/v1/notices?access_token={Chiyoda}", null, "application/json", Utf8(Json(Evacuation())), 401);
        yield return new Case("oversized-headers", HttpMethod.Post, "/api/v1/notices", Chiyoda, "application/json", Utf8(Json(Evacuation())), 431, Authorization: "Bearer " + Chiyoda + new string(' ', 20_000));

        // CAP 1.2.
        yield return Xml("cap-xxe", "/api/v1/cap", Chiyoda, "application/cap+xml", XxeHead + "<alert>&x;</alert>", 400);
        yield return Xml("cap-billion-laughs", "/api/v1/cap", Chiyoda, "application/cap+xml", Laughs, 400);
        yield return Xml("cap-external-dtd", "/api/v1/cap", Chiyoda, "application/cap+xml", ExternalDtd, 400);
        yield return Xml("cap-deep", "/api/v1/cap", Chiyoda, "application/cap+xml", Deep(1_000), 400);
        yield return Xml("cap-element-flood", "/api/v1/cap", Chiyoda, "application/cap+xml", Many(60_000), 400);
        yield return Xml("cap-not-xml", "/api/v1/cap", Chiyoda, "application/cap+xml", "alert: yes", 400);
        yield return new Case("cap-invalid-utf8", HttpMethod.Post, "/api/v1/cap", Chiyoda, "application/cap+xml", InvalidUtf8("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>", "</identifier></alert>"), 400);
        yield return Xml("cap-oversized", "/api/v1/cap", Chiyoda, "application/cap+xml", "<r>" + new string('x', 5 * 1024 * 1024) + "</r>", 413);
        yield return Xml("cap-wrong-namespace", "/api/v1/cap", Chiyoda, "application/cap+xml", Cap(ns: "urn:oasis:names:tc:emergency:cap:1.1"), 422);
        yield return Xml("cap-draft", "/api/v1/cap", Chiyoda, "application/cap+xml", Cap(status: "Draft"), 422);
        yield return Xml("cap-ack", "/api/v1/cap", Chiyoda, "application/cap+xml", Cap(msgType: "Ack"), 422);
        yield return Xml("cap-bad-references", "/api/v1/cap", Chiyoda, "application/cap+xml", Cap(msgType: "Update", references: "<references>not a triple</references>"), 422);
        yield return Xml("cap-bad-sent", "/api/v1/cap", Chiyoda, "application/cap+xml", Cap(sent: "2026-12-01 09:00"), 422);
        yield return Xml("cap-polygon-three-points", "/api/v1/cap", Chiyoda, "application/cap+xml", Cap(area: "<area><areaDesc>x</areaDesc><polygon>35.68,139.75 35.69,139.76 35.68,139.75</polygon></area>"), 422);
        yield return Xml("cap-geocode-check-digit", "/api/v1/cap", Chiyoda, "application/cap+xml", Cap(area: "<area><areaDesc>x</areaDesc><geocode><valueName>JIS X 0402</valueName><value>131017</value></geocode></area>"), 422);
        yield return Xml("cap-outside-japan", "/api/v1/cap", Chiyoda, "application/cap+xml", Cap(area: "<area><areaDesc>London</areaDesc><polygon>51.50,-0.12 51.50,-0.11 51.51,-0.11 51.50,-0.12</polygon></area>"), 422);
        yield return Xml("cap-neighbour-geocode", "/api/v1/cap", Chiyoda, "application/cap+xml", Cap(area: "<area><areaDesc>中央区</areaDesc><geocode><valueName>JIS X 0402</valueName><value>131024</value></geocode></area>"), 403);
        yield return Xml("cap-json-content-type", "/api/v1/cap", Chiyoda, "application/json", Cap(), 415);
        yield return Xml("cap-exercise-key-actual", "/api/v1/cap", Exercise, "application/cap+xml", Cap(), 403);
        yield return Xml("cap-validate-xxe", "/api/v1/cap/validate", Notices.Broadcaster, "application/cap+xml", XxeHead + "<alert>&x;</alert>", 200); // validate answers valid:false, writes nothing

        yield return Xml("cap-sent-far-past", "/api/v1/cap", Chiyoda, "application/cap+xml", Cap(sent: "1970-01-01T09:00:00+09:00"), 422);
        yield return Xml("cap-sent-far-future", "/api/v1/cap", Chiyoda, "application/cap+xml", Cap(sent: "2199-01-01T09:00:00+09:00"), 422);

        // L-Alert EDXL over REST.
        yield return Xml("edxl-xxe", "/api/v1/edxl", Chiyoda, "application/xml", XxeHead + "<r>&x;</r>", 400);
        yield return Xml("edxl-billion-laughs", "/api/v1/edxl", Chiyoda, "application/xml", Laughs, 400);
        yield return Xml("edxl-deep", "/api/v1/edxl", Chiyoda, "application/xml", Deep(100), 400);
        yield return Xml("edxl-no-distribution", "/api/v1/edxl", Chiyoda, "application/xml", "<Report/>", 422);
        yield return Xml("edxl-bad-status", "/api/v1/edxl", Chiyoda, "application/xml", Edxl(status: "Real"), 422);
        yield return Xml("edxl-check-digit", "/api/v1/edxl", Chiyoda, "application/xml", Edxl(code: "131017", issuerCode: "131017"), 422);
        yield return Xml("edxl-neighbour", "/api/v1/edxl", Chiyoda, "application/xml", Edxl(code: "131024", issuerCode: "131024"), 403);
        yield return Xml("edxl-exercise-key-actual", "/api/v1/edxl", Exercise, "application/xml", Edxl(), 403);

        yield return Xml("edxl-sent-far-past", "/api/v1/edxl", Chiyoda, "application/xml", Edxl(sent: "2001-01-01T09:00:00+09:00"), 422);
        yield return Xml("edxl-sent-far-future", "/api/v1/edxl", Chiyoda, "application/xml", Edxl(sent: "2199-01-01T09:00:00+09:00"), 422);
        yield return SoapCase("soap-sent-far-past", Soap($"<pc:publish><pc:message>{Edxl(sent: "2001-01-01T09:00:00+09:00")}</pc:message></pc:publish>", Chiyoda), 402);

        // L-Alert SOAP: processResponse 402 (the message broke a rule) or 901 (authentication, scope).
        yield return SoapCase("soap-no-credentials", Soap($"<pc:publish><pc:message>{Edxl()}</pc:message></pc:publish>", null), 901);
        yield return SoapCase("soap-wrong-password", Soap($"<pc:publish><pc:message>{Edxl()}</pc:message></pc:publish>", "guess"), 901);
        yield return SoapCase("soap-transmitter-key", Soap($"<pc:publish><pc:message>{Edxl()}</pc:message></pc:publish>", Notices.Broadcaster), 901);
        yield return SoapCase("soap-xxe", XxeHead + "<r>&x;</r>", 402);
        yield return SoapCase("soap-no-publish", Soap("<pc:other/>", Chiyoda), 402);
        yield return SoapCase("soap-escaped-dtd", Soap($"<pc:publish><pc:message>{System.Security.SecurityElement.Escape(XxeHead + "<r>&x;</r>")}</pc:message></pc:publish>", Chiyoda), 402);
        yield return SoapCase("soap-neighbour", Soap($"<pc:publish><pc:message>{Edxl(code: "131024", issuerCode: "131024")}</pc:message></pc:publish>", Chiyoda), 901);
        yield return SoapCase("soap-control-characters", Soap("<pc:publish><pc:message>\u0001\u0002</pc:message></pc:publish>", Chiyoda), 402);

        // JMA 防災情報XML.
        yield return Xml("jma-xxe", "/api/v1/jma", Relay, "application/xml", XxeHead + "<Report>&x;</Report>", 400);
        yield return Xml("jma-status", "/api/v1/jma", Relay, "application/xml", Jma("<Status>通常</Status>", "<Status>本番</Status>"), 422);
        yield return Xml("jma-serial", "/api/v1/jma", Relay, "application/xml", Jma("<Serial>1</Serial>", "<Serial>-1</Serial>"), 422);
        yield return Xml("jma-time-without-offset", "/api/v1/jma", Relay, "application/xml", Jma("2013-08-23T15:15:00+09:00</ReportDateTime>", "2013-08-23T15:15:00</ReportDateTime>"), 422);
        yield return Xml("jma-info-type", "/api/v1/jma", Relay, "application/xml", Jma("<InfoType>発表</InfoType>", "<InfoType>遅延</InfoType>"), 422);
        yield return Xml("jma-cap-root", "/api/v1/jma", Relay, "application/xml", Cap(), 422);
        yield return Xml("jma-municipality-key", "/api/v1/jma", Chiyoda, "application/xml", Jma(), 403);
        yield return Xml("jma-transmitter-key", "/api/v1/jma", Notices.Broadcaster, "application/xml", Jma(), 403);

        // Map look-ups.
        yield return new Case("match-bow-tie", HttpMethod.Post, "/api/v1/geo/match", Notices.Broadcaster, "application/json", Utf8(Json(new { geometry = Polygon([139.75, 35.68], [139.76, 35.69], [139.76, 35.68], [139.75, 35.69], [139.75, 35.68]) })), 422);
        yield return new Case("match-depth-bomb", HttpMethod.Post, "/api/v1/geo/match", Notices.Broadcaster, "application/json", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)), 400);
        yield return new Case("locate-not-a-number", HttpMethod.Get, "/api/v1/geo/locate?lat=abc&lon=139.7", Notices.Broadcaster, null, null, 400);
        yield return new Case("locate-out-of-range", HttpMethod.Get, "/api/v1/geo/locate?lat=91&lon=139.7", Notices.Broadcaster, null, null, 400);
        yield return new Case("feed-bad-prefecture", HttpMethod.Get, "/api/v1/prefectures/99/feed", Notices.Broadcaster, null, null, 400);
        yield return new Case("feed-negative-after", HttpMethod.Get, "/api/v1/prefectures/13/feed?after=-5", Notices.Broadcaster, null, null, 400);
        yield return new Case("notice-unknown", HttpMethod.Get, "/api/v1/notices/13-ffffffffffffffffffffffffffffffff", Notices.Broadcaster, null, null, 404);
        yield return new Case("path-nul-byte", HttpMethod.Get, "/api/v1/notices/%00%0a", Notices.Broadcaster, null, null, 400);

        // Webhooks.
        yield return new Case("webhook-relay-key", HttpMethod.Post, "/api/v1/webhooks", Relay, "application/json", Utf8(Json(new { url = "https://example.invalid/hook", secret = new string('s', 32), prefectures = new[] { "13" } })), 403);
        yield return new Case("webhook-plain-http", HttpMethod.Post, "/api/v1/webhooks", Notices.Broadcaster, "application/json", Utf8(Json(new { url = "http://example.invalid/hook", secret = new string('s', 32), prefectures = new[] { "13" } })), 422);
        yield return new Case("webhook-userinfo", HttpMethod.Post, "/api/v1/webhooks", Notices.Broadcaster, "application/json", Utf8(Json(new { url = "https://user:pw@example.invalid/hook", secret = new string('s', 32), prefectures = new[] { "13" } })), 422);
        yield return new Case("webhook-duplicate-names", HttpMethod.Post, "/api/v1/webhooks", Notices.Broadcaster, "application/json", Utf8("{\"url\":\"https://a.invalid/\",\"url\":\"https://b.invalid/\"}"), 400);

        // Administration.
        yield return new Case("admin-by-municipality", HttpMethod.Post, "/api/v1/admin/organisations/13101/keys", Chiyoda, null, null, 403);
        yield return new Case("admin-audit-by-transmitter", HttpMethod.Get, "/api/v1/admin/audit", Notices.Broadcaster, null, null, 403);
        yield return new Case("admin-neighbour-scope", HttpMethod.Post, "/api/v1/admin/organisations/13101/keys", Admin, "application/json", Utf8("{\"scopes\":[\"issue:13102\"]}"), 422);
        yield return new Case("admin-scopes-not-strings", HttpMethod.Post, "/api/v1/admin/organisations/13101/keys", Admin, "application/json", Utf8("{\"scopes\":[1,2]}"), 422);
        yield return new Case("admin-kind-unknown", HttpMethod.Post, "/api/v1/admin/organisations", Admin, "application/json", Utf8("{\"id\":\"evil\",\"kind\":\"root\"}"), 422);
        yield return new Case("admin-slug-control", HttpMethod.Post, "/api/v1/admin/organisations", Admin, "application/json", Utf8("{\"id\":\"ev\\u0000il\",\"kind\":\"transmitter\"}"), 422);
        yield return new Case("admin-fake-municipality", HttpMethod.Post, "/api/v1/admin/organisations", Admin, "application/json", Utf8("{\"id\":\"99999\",\"kind\":\"municipality\"}"), 422);
        yield return new Case("admin-oversized", HttpMethod.Post, "/api/v1/admin/organisations", Admin, "application/json", Utf8("{\"id\":\"" + new string('a', 20_000) + "\"}"), 413);
        yield return new Case("admin-revoke-unknown", HttpMethod.Delete, "/api/v1/admin/keys/0123456789ab", Admin, null, null, 404);

        // The hub's door.
        yield return new Case("hub-no-key", HttpMethod.Post, "/hubs/notices/negotiate?negotiateVersion=1", null, null, null, 401);
        yield return new Case("hub-bad-key", HttpMethod.Post, "/hubs/notices/negotiate?negotiateVersion=1&access_token=nope", null, null, null, 401);
    }

    [Fact]
    public async Task Every_hostile_input_gets_its_documented_refusal_and_changes_nothing()
    {
        var corpus = Corpus().ToList();
        Assert.True(corpus.Count >= 100, $"{corpus.Count} cases");
        Assert.Equal(corpus.Count, corpus.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());

        // A notice in force to aim stale revisions at, made before the snapshot.
        using (var issuer = Host.CreateClient(Chiyoda))
        {
            using var created = await issuer.PostAsync("/api/v1/notices", new StringContent(Json(Evacuation(n => n["disaster"] = "敵対入力の的")), Encoding.UTF8, "application/json"));
            var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
            corpus.Add(new Case("revise-stale-if-match", HttpMethod.Put, $"/api/v1/notices/{id}", Chiyoda, "application/json", Utf8(Json(Evacuation(n => n["level"] = 5))), 409, "\"7\""));
            corpus.Add(new Case("revise-changes-category", HttpMethod.Put, $"/api/v1/notices/{id}", Chiyoda, "application/json", Utf8(Json(new { category = "notice", status = "actual", issuer = "13101", headline = "x", information = new { title = "x" } })), 422, "\"1\""));
            corpus.Add(new Case("revise-by-neighbour", HttpMethod.Put, $"/api/v1/notices/{id}", "dev-prefecture-27", "application/json", Utf8(Json(Evacuation())), 403, "\"1\""));
            var identifier = $"duplicate-{Guid.NewGuid():N}";
            using var first = await issuer.PostAsync("/api/v1/cap", new StringContent(Cap(identifier: identifier), Encoding.UTF8, "application/cap+xml"));
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            corpus.Add(Xml("cap-duplicate-identifier-different-content", "/api/v1/cap", Chiyoda, "application/cap+xml", Cap(identifier: identifier, headline: "千代田区 解除"), 409));
            corpus.Add(new Case("cancel-by-exercise-key", HttpMethod.Post, $"/api/v1/notices/{id}/cancel", Exercise, "application/json", Utf8("{\"reason\":\"乗っ取り\"}"), 403));
        }

        var before = await SnapshotAsync();
        var failures = new List<string>();
        foreach (var hostile in corpus)
        {
            var (status, body, contentType) = await SendAsync(hostile);
            var problem = Check(hostile, status, body, contentType);
            if (problem is not null)
            {
                failures.Add($"{hostile.Name}: {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // Still up, answering normally, and nothing written.
        using var reader = Host.CreateClient(Notices.Broadcaster);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>Hostile hub messages, sent by the real .NET SignalR client: each refused with a message in both languages, the connection kept.</summary>
    [Fact]
    public async Task Hostile_hub_messages_are_refused_in_both_languages_and_the_connection_survives()
    {
        await using var subscriber = await Subscriber.ConnectAsync(Host, Notices.Broadcaster);
        object[] hostile =
        [
            new { prefectures = new[] { "99" } },
            new { prefectures = Array.Empty<string>() },
            new { prefectures = Enumerable.Range(0, 500).Select(i => "13").ToArray() },
            new { prefectures = new[] { "13" }, after = new Dictionary<string, long> { ["13"] = -1 } },
            new { prefectures = new[] { "13" }, after = new Dictionary<string, long> { ["27"] = 5 } },
            new { prefectures = new[] { "13" }, statuses = new[] { "actual", "live" } },
            new { prefectures = new[] { "13" }, categories = new[] { "<script>" } },
            new { prefectures = new[] { "13" }, minLevel = 99 },
            new { prefectures = new[] { "13" }, municipalities = new[] { "131017" } },
            new { prefectures = new[] { "13" }, municipalities = new[] { "27100" } },
            new { prefectures = new[] { "13" }, municipalities = Enumerable.Range(0, 2_500).Select(i => "13101").ToArray() },
            new { location = new { lat = double.MaxValue, lon = 139.7, radiusKm = 1.0 } },
            new { location = new { lat = 139.7, lon = 35.6, radiusKm = 1.0 } },
            new { location = new { lat = 35.6, lon = 139.7, radiusKm = -5.0 } },
            new { location = new { lat = 35.6, lon = 139.7, radiusKm = 1e9 } },
        ];
        var accepted = new List<string>();
        foreach (var request in hostile)
        {
            try
            {
                await subscriber.SubscribeAsync<JsonElement>(request);
                accepted.Add(JsonSerializer.Serialize(request)[..Math.Min(120, JsonSerializer.Serialize(request).Length)]);
            }
            catch (Microsoft.AspNetCore.SignalR.HubException refused)
            {
                Assert.Contains(" / ", refused.Message, StringComparison.Ordinal); // 日本語 / English
            }
        }

        Assert.True(accepted.Count == 0, string.Join("\n", accepted));

        foreach (var ack in new object[] { new { prefecture = "13", sequence = 1 }, new { prefecture = "13" }, new { } })
        {
            await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => subscriber.Connection.InvokeAsync("Ack", ack));
        }

        var subscribed = await subscriber.SubscribeAsync<JsonElement>(new { prefectures = new[] { "13" } });
        Assert.Equal("13", subscribed.GetProperty("prefectures")[0].GetString());
    }

    [Fact]
    public async Task A_hub_message_over_the_size_limit_closes_only_its_connection()
    {
        await using var oversized = await Subscriber.ConnectAsync(Host, Notices.Broadcaster);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        oversized.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        _ = oversized.SubscribeAsync<JsonElement>(new { prefectures = new[] { "13" }, categories = new[] { new string('x', 100_000) } });
        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(30))));

        await using var other = await Subscriber.ConnectAsync(Host, Notices.Broadcaster);
        Assert.Equal("13", (await other.SubscribeAsync<JsonElement>(new { prefectures = new[] { "13" } })).GetProperty("prefectures")[0].GetString());
    }

    [Fact]
    public async Task Mutated_notices_never_get_a_server_error_and_only_accepted_ones_write()
    {
        using var issuer = Host.CreateClient(Chiyoda);
        using var reader = Host.CreateClient(Notices.Broadcaster);
        async Task<long> LatestAsync() => JsonDocument.Parse(await reader.GetStringAsync("/api/v1/prefectures/13/feed?limit=1")).RootElement.GetProperty("latestSequence").GetInt64();

        var seed = Environment.TickCount;
        var random = new Random(seed);
        var before = await LatestAsync();
        var accepted = 0;
        for (var i = 0; i < 200; i++)
        {
            // Each its own incident, so a mutation that survives is a new notice, never a revision of another.
            var bytes = Utf8(Json(Evacuation(n => n["disaster"] = $"変異 {seed} {i}")));
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new("application/json");
            using var response = await issuer.PostAsync("/api/v1/notices", content);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} (seed {seed}, iteration {i}): {await response.Content.ReadAsStringAsync()}");
            if (response.StatusCode == HttpStatusCode.Created)
            {
                accepted++;
            }
        }

        // Every refused body changed nothing: the stream grew by exactly the accepted ones.
        Assert.Equal(before + accepted, await LatestAsync());
    }

    private async Task<(HttpStatusCode Status, string Body, string? ContentType)> SendAsync(Case hostile)
    {
        using var client = Host.CreateClient(hostile.Key);
        using var request = new HttpRequestMessage(hostile.Method, hostile.Path);
        if (hostile.Body is not null)
        {
            request.Content = new ByteArrayContent(hostile.Body);
            if (hostile.ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(hostile.ContentType);
            }

            // An oversized body is refused from its Content-Length: wait for the go-ahead rather than write into a closed socket.
            request.Headers.ExpectContinue = hostile.Body.Length > 1024 * 1024;
        }

        if (hostile.IfMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", hostile.IfMatch);
        }

        if (hostile.Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", hostile.Authorization);
        }

        try
        {
            using var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
        }
        catch (HttpRequestException closed) when (hostile.Expected is 413 or 431)
        {
            // Kestrel may answer and close before the client has sent everything; the refusal is the closed connection.
            return ((HttpStatusCode)hostile.Expected, closed.Message, null);
        }
    }

    private static string? Check(Case hostile, HttpStatusCode status, string body, string? contentType)
    {
        if ((int)status >= 500)
        {
            return $"server error {(int)status}: {body[..Math.Min(body.Length, 300)]}";
        }

        if (hostile.Path.StartsWith("/soap", StringComparison.Ordinal))
        {
            var code = XDocument.Parse(body).Descendants(XName.Get("code", "http://soap.publiccommons.ne.jp/")).Single().Value;
            return code == hostile.Expected.ToString(CultureInfo.InvariantCulture) ? null : $"processResponse {code}, expected {hostile.Expected}";
        }

        if ((int)status != hostile.Expected)
        {
            return $"{(int)status}, expected {hostile.Expected}: {body[..Math.Min(body.Length, 300)]}";
        }

        if (status == HttpStatusCode.OK)
        {
            return JsonDocument.Parse(body).RootElement.GetProperty("valid").GetBoolean() ? "validated as valid" : null;
        }

        if (((int)status is 431 or 413 || (status == HttpStatusCode.BadRequest && body.Length == 0)) && contentType != "application/problem+json")
        {
            return null; // refused by Kestrel itself (headers, size, a NUL in the path), before any door reads the request
        }

        if (contentType != "application/problem+json")
        {
            return $"not a problem document ({contentType})";
        }

        using var problem = JsonDocument.Parse(body);
        var root = problem.RootElement;
        foreach (var field in new[] { "title", "detail", "titleEn", "detailEn" })
        {
            if (!root.TryGetProperty(field, out var text) || string.IsNullOrWhiteSpace(text.GetString()))
            {
                return $"problem without {field}";
            }
        }

        return null;
    }

    /// <summary>What a refused request must not change: every prefecture's sequence, webhooks, organisations and keys.</summary>
    private async Task<string> SnapshotAsync()
    {
        using var admin = Host.CreateClient(Admin);
        var state = new StringBuilder();
        for (var p = 1; p <= 47; p++)
        {
            var feed = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/prefectures/{p:00}/feed?limit=1")).RootElement;
            state.Append(CultureInfo.InvariantCulture, $"{p:00}={feed.GetProperty("latestSequence").GetInt64()};");
        }

        state.Append(await admin.GetStringAsync("/api/v1/webhooks"));
        var organisations = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/admin/organisations")).RootElement.GetProperty("organisations");
        state.Append(organisations.GetRawText());
        foreach (var organisation in organisations.EnumerateArray())
        {
            state.Append(await admin.GetStringAsync($"/api/v1/admin/organisations/{organisation.GetProperty("id").GetString()}/keys"));
        }

        return state.ToString();
    }
}
