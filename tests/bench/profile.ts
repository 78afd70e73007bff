import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";

// Opt-in (BENCH_PROFILE=1): a CPU profile of the bot's process over one phase, summed by package,
// to show where the bot's time goes. Profiling slows everything, so timings of that run are not figures.

export interface ProfileSummary {
  file: string;
  busyMs: number;
  /** Self time by package (node_modules name, quorate folder, node internals, gc). */
  byPackage: { name: string; ms: number; share: number }[];
  topFunctions: { name: string; ms: number }[];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

const post = <T>(session: Session, method: string, params?: object) =>
  new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));

function packageOf(url: string, fn: string): string {
  if (fn === "(garbage collector)") return "(gc)";
  if (fn === "(program)" || fn === "(idle)") return fn;
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const own = /dist\/((?:tests\/)?[^/]+)\//.exec(url)?.[1];
  if (own) return `quorate ${own}/`;
  return url.startsWith("node:") ? "node internals" : "(native)";
}

/** Starts the CPU profiler in this process (the bot's, in the bench: botProcess.ts); `stop` writes the profile to `file` and sums it up. */
export async function startProfiler(): Promise<(file: string) => Promise<ProfileSummary>> {
  const session = new Session();
  session.connect();
  await post(session, "Profiler.enable");
  await post(session, "Profiler.start");
  return async (file) => {
    const { profile: p } = await post<{ profile: CpuProfile }>(session, "Profiler.stop");
    session.disconnect();
    return summarise(file, p);
  };
}

function summarise(file: string, p: CpuProfile): ProfileSummary {
  writeFileSync(file, JSON.stringify(p));
  const nodes = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const frame = nodes.get(id)!;
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    const pkg = packageOf(frame.url, frame.functionName);
    if (pkg === "(idle)") return;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    const name = `${frame.functionName || "(anonymous)"} [${pkg}]`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  });
  const busyMs = [...byPackage.values()].reduce((s, v) => s + v, 0);
  const top = (m: Map<string, number>, n: number) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  return {
    file,
    busyMs,
    byPackage: top(byPackage, 12).map(([name, ms]) => ({ name, ms, share: ms / busyMs })),
    topFunctions: top(byFunction, 12).map(([name, ms]) => ({ name, ms })),
  };
}
