import fs from "node:fs";
import path from "node:path";
import dotenv from "dotenv";
import { buildManifest, configuredAppId, PLACEHOLDER_APP_ID } from "./buildManifest";
import { buildPackage, manifestJson, manifestSourceDir, readIcons } from "./buildPackage";

// `npm run package`: writes manifest/build/{manifest.json,color.png,outline.png,quorate.zip}.
// Nothing is written unless the manifest passes validation.

export { buildManifest } from "./buildManifest";
export { buildPackage } from "./buildPackage";
export { validateManifest } from "./validateManifest";

function main(): void {
  const sourceDir = manifestSourceDir();
  const repoRoot = path.resolve(sourceDir, "..");
  // Same .env the bot reads, so the package carries the same app id; real env vars win.
  dotenv.config({ path: path.join(repoRoot, ".env"), quiet: true });

  const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
  const manifest = buildManifest(process.env, version);
  if (!configuredAppId(process.env)) {
    console.warn(
      `warning: MICROSOFT_APP_ID is not set, so the app and bot id are the placeholder ${PLACEHOLDER_APP_ID}.\n` +
        "         This package is for local trial only (Agents Playground); do not upload it to Teams.",
    );
  }

  const icons = readIcons(sourceDir);
  const zip = buildPackage(manifest, icons);

  const outDir = path.join(sourceDir, "build");
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "manifest.json"), manifestJson(manifest));
  fs.writeFileSync(path.join(outDir, "color.png"), icons.color);
  fs.writeFileSync(path.join(outDir, "outline.png"), icons.outline);
  fs.writeFileSync(path.join(outDir, "quorate.zip"), zip);
  console.log(`Teams app package ${manifest.version} (manifest ${manifest.manifestVersion}, id ${manifest.id}):`);
  console.log(`  ${path.relative(process.cwd(), path.join(outDir, "quorate.zip"))}`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
