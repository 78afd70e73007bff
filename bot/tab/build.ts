import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";

// The tab's pages: TypeScript bundled by esbuild into one script, beside the HTML and CSS it needs.
// Run by `npm run build` (and once by the test suite's setup); the bot serves the result from memory.

export const WEB_SOURCE = path.resolve(__dirname, "../../../bot/tab/web");
const STATIC_FILES = ["index.html", "config.html", "tab.css"];

/** The folder the server reads: dist/tab whether running from source (tests) or from dist/. */
export function defaultAssetsDir(): string {
  const root = path.resolve(__dirname, "../..");
  return path.basename(root) === "dist" ? path.join(root, "tab") : path.join(root, "dist", "tab");
}

function sourceDir(): string {
  // From dist/bot/tab the sources are three levels up; from bot/tab (ts-jest) they are here.
  const here = path.resolve(__dirname, "web");
  return __dirname.split(path.sep).includes("dist") ? WEB_SOURCE : here;
}

export async function buildTab(outDir = defaultAssetsDir()): Promise<void> {
  // esbuild is a build tool, not a runtime dependency: loaded only when building.
  const esbuild = await import("esbuild");
  const src = sourceDir();
  mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(src, "main.ts")],
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020"],
    outfile: path.join(outDir, "app.js"),
    legalComments: "none",
    logLevel: "error",
  });
  for (const file of STATIC_FILES) copyFileSync(path.join(src, file), path.join(outDir, file));
}

if (require.main === module) {
  buildTab().catch((error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
