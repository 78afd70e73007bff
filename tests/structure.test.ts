// The house rules a newcomer relies on when reading the code: no source file longer than one reading
// holds, and no import circles, so every file can be understood from the ones below it.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
const SOURCE_DIRS = ["bot", "cards", "storage", "manifest"];
const MAX_LINES = 300;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

/** Files over the limit, as "path (N lines)". */
function longFiles(files: string[], max = MAX_LINES): string[] {
  return files.flatMap((f) => {
    const lines = fs.readFileSync(f, "utf8").split("\n");
    const count = lines.at(-1) === "" ? lines.length - 1 : lines.length;
    return count > max ? [`${rel(f)} (${count} lines)`] : [];
  });
}

/** Each file's relative imports (and re-exports) that resolve to another file in the set. */
function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    const targets = info.importedFiles
      .map((i) => i.fileName)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => {
        const base = path.resolve(path.dirname(file), spec);
        return [base, `${base}.ts`, path.join(base, "index.ts")].find((c) => known.has(c));
      })
      .filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The circles in the graph, each as the files around it ("a -> b -> a"): one for each import that closes a loop. */
function circles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const s = state.get(next);
      if (s === "open") found.push([...stack.slice(stack.indexOf(next)), next].map(rel).join(" -> "));
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

describe("the source tree", () => {
  const files = SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d)));

  it("finds the source files", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.map(rel)).toContain("bot/routes.ts");
  });

  it(`has no source file over ${MAX_LINES} lines`, () => {
    expect(longFiles(files)).toEqual([]);
  });

  it("has no import circles", () => {
    expect(circles(importGraph(files))).toEqual([]);
  });
});

describe("the checks themselves", () => {
  // A throwaway tree in the temp dir, so the checks are seen to fail on what they are meant to catch.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "structure-"));
  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("names a file over the limit", () => {
    const short = write("short.ts", "export const a = 1;\n".repeat(300));
    const long = write("long.ts", "export const a = 1;\n".repeat(301));
    expect(longFiles([short, long])).toEqual([`${rel(long)} (301 lines)`]);
  });

  it("names the files around a circle, through `.ts`, `/index.ts` and type-only imports", () => {
    const a = write("loop/a.ts", 'import { b } from "./b";\nexport const a = () => b;\n');
    const b = write("loop/b.ts", 'import type { C } from "./c";\nexport const b = 1;\nexport type B = C;\n');
    const c = write("loop/c/index.ts", 'export { a } from "../a";\nexport type C = number;\n');
    const d = write("loop/d.ts", 'import { a } from "./a";\nimport { z } from "zod";\nexport const d = [a, z];\n');
    expect(circles(importGraph([a, b, c, d]))).toEqual([`${rel(a)} -> ${rel(b)} -> ${rel(c)} -> ${rel(a)}`]);
    expect(circles(importGraph([a, b, d]))).toEqual([]);
  });
});
