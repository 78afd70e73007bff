import fs from "node:fs";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import type { TeamsManifest } from "./buildManifest";
import { validateManifest } from "./validateManifest";

// The app package Teams takes: manifest.json and the two icons, flat at the root of a zip.

export interface Icons {
  color: Uint8Array;
  outline: Uint8Array;
}

export class InvalidManifestError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams manifest is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** The icons kept next to this file's source (manifest/), whether run by ts-jest or from dist/. */
export function manifestSourceDir(): string {
  for (const dir of [__dirname, path.resolve(__dirname, "..", "..", "manifest")]) {
    if (fs.existsSync(path.join(dir, "color.png"))) return dir;
  }
  throw new Error(`Cannot find manifest/color.png from ${__dirname}`);
}

export function readIcons(dir: string = manifestSourceDir()): Icons {
  return {
    color: fs.readFileSync(path.join(dir, "color.png")),
    outline: fs.readFileSync(path.join(dir, "outline.png")),
  };
}

export function manifestJson(manifest: TeamsManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Zip bytes, or InvalidManifestError: an invalid manifest never becomes a package. */
export function buildPackage(manifest: TeamsManifest, icons: Icons): Uint8Array {
  const problems = validateManifest(manifest);
  if (problems.length > 0) throw new InvalidManifestError(problems);
  return zipSync(
    {
      "manifest.json": strToU8(manifestJson(manifest)),
      [manifest.icons.color]: icons.color,
      [manifest.icons.outline]: icons.outline,
    },
    // A fixed timestamp keeps the same inputs producing the same bytes.
    { level: 9, mtime: new Date(2000, 0, 1) },
  );
}
