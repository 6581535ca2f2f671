// Subscribes to AlertHub with the npm @microsoft/signalr client, exactly as a web or app subscriber would,
// and prints one JSON line per event so the .NET end-to-end test can read what a JavaScript client received.
//
// usage: node subscribe.mjs <baseUrl> <apiKey> <prefecture> <after|live> <expectedCount> <timeoutMs>
import * as signalR from "@microsoft/signalr";

const [baseUrl, apiKey, prefecture, afterArg, expectedArg, timeoutArg] = process.argv.slice(2);
const expected = Number(expectedArg);
const emit = (event) => process.stdout.write(JSON.stringify(event) + "\n");

const connection = new signalR.HubConnectionBuilder()
  .withUrl(`${baseUrl}/hubs/notices`, { accessTokenFactory: () => apiKey })
  .configureLogging(signalR.LogLevel.Warning)
  .build();

let received = 0;
const timer = setTimeout(async () => {
  emit({ event: "timeout", received });
  await connection.stop();
  process.exit(1);
}, Number(timeoutArg));

connection.on("notice", async (notice) => {
  emit({ event: "notice", notice });
  received += 1;
  if (received >= expected) {
    clearTimeout(timer);
    await connection.stop();
    process.exit(0);
  }
});

try {
  await connection.start();
  const request = { prefectures: [prefecture] };
  if (afterArg !== "live") {
    request.after = { [prefecture]: Number(afterArg) };
  }
  const result = await connection.invoke("Subscribe", request);
  emit({ event: "subscribed", result });
} catch (error) {
  emit({ event: "error", message: String(error && error.message ? error.message : error) });
  clearTimeout(timer);
  process.exit(2);
}
