// A subscriber as an app or broadcaster would write it with the npm @microsoft/signalr client: subscribes with any
// filters, optionally acknowledges every notice, optionally drops its connection every N notices and resumes with
// `after` from what it has seen (notices and heartbeats), and prints one JSON line per event for the .NET test.
//
// usage: node watch.mjs '<config>'   config: {"baseUrl","apiKey","request":{...},"ack":bool,"reconnectEvery":N}
// Then one line on stdin, {"until":{"13":42}}: the client exits at the first heartbeat at or past those sequences.
import * as signalR from "@microsoft/signalr";
import * as readline from "node:readline";

const config = JSON.parse(process.argv[2]);
const emit = (event) => process.stdout.write(JSON.stringify(event) + "\n");
const position = {}; // per prefecture, the sequence this client's stream has reached
let until = null;
let received = 0;
let connection = null;
let retiring = false;
let reconnecting = Promise.resolve();
let finishing = false; // set once the client has all it was asked for: a reconnect still under way is then moot

const deadline = setTimeout(() => { emit({ event: "timeout", position, until }); process.exit(1); }, config.timeoutMs ?? 60000);

const finishIfThere = async () => {
  if (until && Object.entries(until).every(([p, s]) => (position[p] ?? 0) >= s)) {
    clearTimeout(deadline);
    finishing = true;
    emit({ event: "done", position });
    await connection.stop();
    process.exit(0);
  }
};

const connect = async (request) => {
  const hub = new signalR.HubConnectionBuilder()
    .withUrl(`${config.baseUrl}/hubs/notices`, { accessTokenFactory: () => config.apiKey })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  hub.on("notice", (notice) => {
    if (hub !== connection || retiring) {
      return; // arrived on a connection being dropped: the resumed one delivers it again
    }
    if ((position[notice.prefecture] ?? 0) >= notice.sequence) {
      emit({ event: "duplicate", prefecture: notice.prefecture, sequence: notice.sequence });
      return;
    }
    position[notice.prefecture] = notice.sequence;
    received += 1;
    emit({ event: "notice", notice });
    const acked = config.ack
      ? hub.invoke("Ack", { prefecture: notice.prefecture, sequence: notice.sequence })
          .catch((error) => emit({ event: "error", message: String(error?.message ?? error) }))
      : Promise.resolve();
    if (config.reconnectEvery && received % config.reconnectEvery === 0) {
      retiring = true;
      // As a real client would: the ack first, then drop. Reconnects run one after another: notices replayed while a
      // reconnect's Subscribe is still answering can reach the next drop, which must not stop that connection under it.
      acked.finally(() => { reconnecting = reconnecting.then(reconnect); });
    }
  });
  hub.on("heartbeat", async (heartbeat) => {
    if (hub !== connection || retiring) {
      return;
    }
    for (const [p, s] of Object.entries(heartbeat.sequences)) {
      position[p] = Math.max(position[p] ?? 0, s);
    }
    await finishIfThere();
  });
  await hub.start();
  connection = hub;
  const result = await hub.invoke("Subscribe", request);
  for (const [p, s] of Object.entries(result.after)) {
    position[p] = Math.max(position[p] ?? 0, s);
  }
  return result;
};

const reconnect = async () => {
  try {
    const old = connection;
    await old.stop();
    const request = { ...config.request, prefectures: Object.keys(position), after: { ...position } };
    retiring = false;
    const result = await connect(request);
    emit({ event: "resumed", after: result.after });
  } catch (error) {
    if (finishing) {
      return; // the finish stopped the connection this reconnect was opening
    }

    // Say why before going: an unhandled rejection would end the process without a word.
    emit({ event: "error", during: "reconnect", message: String(error?.message ?? error), position });
    clearTimeout(deadline);
    process.exit(3);
  }
};

readline.createInterface({ input: process.stdin }).on("line", async (line) => {
  until = JSON.parse(line).until;
  if (connection) {
    await finishIfThere();
  }
});

try {
  const result = await connect(config.request);
  emit({ event: "subscribed", result });
} catch (error) {
  emit({ event: "error", message: String(error?.message ?? error) });
  clearTimeout(deadline);
  process.exit(2);
}
