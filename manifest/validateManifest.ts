import fs from "node:fs";
import path from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv-draft-04";
import addFormats from "ajv-formats";

// Checks a manifest offline: the official JSON schema for its declared manifestVersion (shipped in
// @microsoft/app-manifest), then the rules Teams enforces on upload that the schema does not express.

// Every Teams schema declares draft-04, which Ajv 8's default class no longer reads.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

/** Where the official schema for a manifestVersion lives on disk ("devPreview" → vDevPreview). */
export function teamsSchemaPath(manifestVersion: string): string {
  const pkg = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));
  const folder = manifestVersion === "devPreview" ? "vDevPreview" : `v${manifestVersion}`;
  return path.join(pkg, "build", "json-schemas", "teams", folder, "MicrosoftTeams.schema.json");
}

function schemaValidator(manifestVersion: string): ValidateFunction | undefined {
  const cached = compiled.get(manifestVersion);
  if (cached) return cached;
  if (!/^(\d+\.\d+|devPreview)$/.test(manifestVersion)) return undefined;
  const file = teamsSchemaPath(manifestVersion);
  if (!fs.existsSync(file)) return undefined;
  const validate = ajv.compile(JSON.parse(fs.readFileSync(file, "utf8")) as object);
  compiled.set(manifestVersion, validate);
  return validate;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || "(manifest)";
  const p = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties") return `${where}: unknown property "${String(p.additionalProperty)}"`;
  if (error.keyword === "enum") return `${where}: ${error.message} ${JSON.stringify(p.allowedValues)}`;
  if (error.keyword === "const") return `${where}: must be ${JSON.stringify(p.allowedValue)}`;
  return `${where}: ${error.message ?? error.keyword}`;
}

// Limits from the Teams docs and app validation that the schema leaves looser or unstated.
const MAX_COMMANDS = 10;
const MAX_TITLE = 32;
const MAX_DESCRIPTION = 128;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

interface LooseManifest {
  $schema?: unknown;
  manifestVersion?: unknown;
  version?: unknown;
  developer?: Record<string, unknown>;
  bots?: { commandLists?: { commands?: { title?: unknown; description?: unknown }[] }[] }[];
}

function teamsRules(m: LooseManifest): string[] {
  const errors: string[] = [];
  // The schema only caps the length, but Teams refuses anything that is not MAJOR.MINOR.PATCH.
  if (typeof m.version === "string" && !SEMVER.test(m.version)) {
    errors.push(`/version: "${m.version}" is not MAJOR.MINOR.PATCH`);
  }
  if (typeof m.manifestVersion === "string" && m.$schema !== undefined && m.manifestVersion !== "devPreview") {
    const official = `https://developer.microsoft.com/json-schemas/teams/v${m.manifestVersion}/MicrosoftTeams.schema.json`;
    if (m.$schema !== official) errors.push(`/$schema: should be ${official}`);
  }
  for (const key of ["websiteUrl", "privacyUrl", "termsOfUseUrl"]) {
    const url = m.developer?.[key];
    if (typeof url === "string" && !url.startsWith("https://")) errors.push(`/developer/${key}: must be an https URL`);
  }
  (Array.isArray(m.bots) ? m.bots : []).forEach((bot, b) => {
    (Array.isArray(bot?.commandLists) ? bot.commandLists : []).forEach((list, l) => {
      const at = `/bots/${b}/commandLists/${l}`;
      const commands = Array.isArray(list?.commands) ? list.commands : [];
      if (commands.length > MAX_COMMANDS) errors.push(`${at}/commands: ${commands.length} commands, Teams shows at most ${MAX_COMMANDS}`);
      commands.forEach((c, i) => {
        for (const [field, max] of [["title", MAX_TITLE], ["description", MAX_DESCRIPTION]] as const) {
          const text = c?.[field];
          if (typeof text !== "string" || text.trim() === "") errors.push(`${at}/commands/${i}/${field}: must not be empty`);
          else if (text.length > max) errors.push(`${at}/commands/${i}/${field}: longer than ${max} characters`);
        }
      });
    });
  });
  return errors;
}

/** Every problem found, as readable lines; empty means Teams should accept the manifest. */
export function validateManifest(manifest: unknown): string[] {
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) return ["(manifest): must be a JSON object"];
  const m = manifest as LooseManifest;
  if (typeof m.manifestVersion !== "string") return ["/manifestVersion: missing"];
  const validate = schemaValidator(m.manifestVersion);
  if (!validate) return [`/manifestVersion: no offline schema for "${m.manifestVersion}" in @microsoft/app-manifest`];
  const schemaErrors = validate(manifest) ? [] : (validate.errors ?? []).map(describe);
  return [...schemaErrors, ...teamsRules(m)];
}
