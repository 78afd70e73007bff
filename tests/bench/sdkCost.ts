import { TableClient } from "@azure/data-tables";

// What one @azure/data-tables request costs the process that makes it, measured alone against the
// same Azurite: the part of every operation's CPU that no code of the bot's can remove. Run last, in the
// bench's own process when nothing else is running in it.

export interface SdkCost {
  /** CPU ms of this process per request, by kind, and the wall time per request. */
  kinds: { kind: string; cpuMs: number; wallMs: number }[];
}

export async function measureSdkCost(connectionString: string, prefix: string, n = 300): Promise<SdkCost> {
  const table = TableClient.fromConnectionString(connectionString, `${prefix}SdkCost`, { allowInsecureConnection: true });
  await table.createTable();
  await table.upsertEntity({ partitionKey: "p", rowKey: "r", text: "x".repeat(200) });
  const kinds: [string, (i: number) => Promise<unknown>][] = [
    ["get", () => table.getEntity("p", "r")],
    ["merge (ETag *)", (i) => table.updateEntity({ partitionKey: "p", rowKey: "r", n: i }, "Merge", { etag: "*" })],
    ["query of a partition", async () => {
      for await (const page of table.listEntities({ queryOptions: { filter: "PartitionKey eq 'p'" } }).byPage()) void page;
    }],
    ["batch of two", (i) => table.submitTransaction([["upsert", { partitionKey: "p", rowKey: "r", n: i }], ["upsert", { partitionKey: "p", rowKey: `s${i % 10}`, n: i }]])],
  ];
  const out: SdkCost["kinds"] = [];
  for (const [kind, request] of kinds) {
    for (let i = 0; i < 30; i++) await request(i);
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < n; i++) await request(i);
    const used = process.cpuUsage(cpu);
    out.push({ kind, cpuMs: (used.user + used.system) / 1000 / n, wallMs: (performance.now() - started) / n });
  }
  await table.deleteTable();
  return { kinds: out };
}

export const sdkCostLine = (c: SdkCost) =>
  `Azure SDK alone, one request at a time (this process's CPU / wall ms per request): ${c.kinds.map((k) => `${k.kind} ${k.cpuMs.toFixed(2)} / ${k.wallMs.toFixed(1)}`).join(", ")}`;
