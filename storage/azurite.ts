import { ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

// Azurite's well-known development account: public, and only ever valid against the emulator.
const ACCOUNT = "devstoreaccount1";
const KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface AzuriteOptions {
  /** Port for the Table service; a free one is picked when absent. */
  port?: number;
  /** Folder for the data; in memory when absent. */
  location?: string;
}

export interface RunningAzurite {
  port: number;
  connectionString: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function azuriteConnectionString(port: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};` +
    `TableEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`
  );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function azuriteBin(): string {
  // Resolve the package's own entry rather than relying on PATH or npx.
  const pkg = require.resolve("azurite/package.json");
  return path.join(path.dirname(pkg), "dist", "src", "table", "main.js");
}

/** Starts Azurite's Table service as a child process and resolves once it is listening. */
export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  const port = options.port ?? (await freePort());
  const args = [
    azuriteBin(),
    "--tableHost",
    "127.0.0.1",
    "--tablePort",
    String(port),
    "--skipApiVersionCheck",
    "--disableTelemetry",
    "--loose",
  ];
  if (options.location) args.push("--location", options.location);
  else args.push("--inMemoryPersistence");

  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within 20s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/successfully listening|successfully started/i.test(output)) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        resolve();
      }
    };
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill();
      reject(error);
    }
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => fail(new Error(`Azurite exited with code ${code}:\n${output}`)));
  });
  // Keep draining output so the child never blocks on a full pipe.
  child.stdout?.resume();
  child.stderr?.resume();

  return {
    port,
    connectionString: azuriteConnectionString(port),
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        // Azurite saves its data and shuts down cleanly only on SIGINT; SIGTERM loses the last seconds.
        child.kill("SIGINT");
      }),
  };
}
