import { parseCommand } from "../bot/commands/parseCommand";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { strFromU8, unzipSync } from "fflate";
import { buildManifest, MANIFEST_VERSION, PLACEHOLDER_APP_ID, type TeamsManifest } from "../manifest/buildManifest";
import { buildPackage, InvalidManifestError, readIcons } from "../manifest/buildPackage";
import { validateManifest } from "../manifest/validateManifest";

// The Teams app package, checked offline the way Teams would: zip layout, the official schema for the
// declared manifestVersion, icon sizes and the outline icon's white-on-transparent rule.

const APP_ID = "2c4f8a1e-7b3d-4e9a-b5c6-1d0e9f8a7b6c";
const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { version: string };

function unzipPackage(env: Record<string, string | undefined>): Record<string, Uint8Array> {
  return unzipSync(buildPackage(buildManifest(env, version), readIcons()));
}

function manifestFrom(files: Record<string, Uint8Array>): TeamsManifest {
  const bytes = files["manifest.json"];
  if (!bytes) throw new Error("manifest.json missing from the package");
  return JSON.parse(strFromU8(bytes)) as TeamsManifest;
}

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** Unfiltered scanlines, concatenated (only filled for 8-bit RGBA). */
  rgba?: Uint8Array;
}

/** Just enough of a PNG decoder for 8-bit RGBA, non-interlaced: what Teams icons should be. */
function readPng(bytes: Uint8Array): Png {
  const buf = Buffer.from(bytes);
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  let offset = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString("latin1", offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") ihdr = data;
    if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  if (!ihdr) throw new Error("no IHDR chunk");
  const png: Png = {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr.readUInt8(8),
    colorType: ihdr.readUInt8(9),
  };
  if (png.bitDepth !== 8 || png.colorType !== 6 || ihdr.readUInt8(12) !== 0) return png;

  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = png.width * 4;
  const out = new Uint8Array(png.height * stride);
  for (let y = 0; y < png.height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= 4 ? (out[y * stride + x - 4] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= 4 && y > 0 ? (out[(y - 1) * stride + x - 4] ?? 0) : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  png.rgba = out;
  return png;
}

describe("Teams app package", () => {
  const files = unzipPackage({ MICROSOFT_APP_ID: APP_ID });
  const manifest = manifestFrom(files);

  it("holds exactly manifest.json and the two icons at the root", () => {
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    expect(manifest.icons).toEqual({ color: "color.png", outline: "outline.png" });
  });

  it("validates against the official schema for its declared manifestVersion", () => {
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    // Loaded here rather than through validateManifest, so the test does not trust the code under test.
    const schemaFile = path.join(
      path.dirname(require.resolve("@microsoft/app-manifest/package.json")),
      "build/json-schemas/teams",
      `v${manifest.manifestVersion}`,
      "MicrosoftTeams.schema.json",
    );
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")) as object);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
    expect(validateManifest(manifest)).toEqual([]);
  });

  it("carries the package.json version and the product's names", () => {
    expect(manifest.version).toBe(version);
    expect(manifest.name).toEqual({ short: "Quorate", full: "Quorate — partnership board meetings" });
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.developer.name).toBe("Quorate");
  });

  it("has a 192x192 colour icon and a 32x32 outline icon", () => {
    const color = readPng(files["color.png"]!);
    const outline = readPng(files["outline.png"]!);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    // Full colour: the accent teal behind the glyph, opaque.
    const at = (96 * 192 + 30) * 4;
    expect(Array.from(color.rgba!.subarray(at, at + 4))).toEqual([0x0f, 0x6c, 0x74, 255]);
    expect(manifest.accentColor.toLowerCase()).toBe("#0f6c74");
  });

  it("draws the outline icon in white on transparent only", () => {
    const outline = readPng(files["outline.png"]!);
    expect(outline.colorType).toBe(6); // RGBA: transparency needs the alpha channel
    const rgba = outline.rgba!;
    let drawn = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const [r, g, b, a] = [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]];
      if (a === 0) continue;
      drawn++;
      expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(drawn).toBeGreaterThan(0);
  });

  it("offers the bot in team, personal and group chat scopes", () => {
    const bot = manifest.bots?.[0];
    expect(manifest.bots).toHaveLength(1);
    expect(bot?.scopes).toEqual(expect.arrayContaining(["team", "personal", "groupChat"]));
    // The action log export is offered as a file in the 1:1 chat.
    expect(bot?.supportsFiles).toBe(true);
    expect(bot?.isNotificationOnly).toBe(false);
  });

  it("asks for the meeting permissions Teams needs before it sends meeting events", () => {
    // Start and end need the two ReadBasic permissions; joins and leaves need the participant one.
    expect(manifest.authorization?.permissions?.resourceSpecific).toEqual(
      expect.arrayContaining([
        { name: "OnlineMeeting.ReadBasic.Chat", type: "Application" },
        { name: "ChannelMeeting.ReadBasic.Group", type: "Application" },
        { name: "OnlineMeetingParticipant.Read.Chat", type: "Application" },
      ]),
    );
    expect(validateManifest(manifest)).toEqual([]);
  });

  it("keeps every command list within what Teams shows", () => {
    const lists = manifest.bots?.[0]?.commandLists ?? [];
    expect(lists.length).toBeGreaterThan(0);
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const command of list.commands) {
        expect(command.title.trim()).not.toBe("");
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description?.trim()).toBeTruthy();
        expect(command.description!.length).toBeLessThanOrEqual(128);
      }
    }
    // Every command Teams suggests is one the bot understands.
    for (const list of lists) {
      for (const command of list.commands) expect(parseCommand(command.title)?.name).toBe(command.title);
    }
    const titles = (scope: string) => lists.find((l) => (l.scopes as string[]).includes(scope))?.commands.map((c) => c.title);
    expect(titles("personal")).toEqual(expect.arrayContaining(["help", "roster", "meetings"]));
    for (const scope of ["team", "groupChat"]) {
      expect(titles(scope)).toEqual(expect.arrayContaining(["help", "setup", "roster", "meeting", "roll call", "sign-off"]));
    }
  });
});

describe("manifest settings from the environment", () => {
  it("uses MICROSOFT_APP_ID for the app, the bot and SSO", () => {
    const manifest = buildManifest({ MICROSOFT_APP_ID: ` ${APP_ID} ` }, version);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots?.[0]?.botId).toBe(APP_ID);
    expect(manifest.webApplicationInfo).toEqual({ id: APP_ID, resource: `api://botid-${APP_ID}` });
    expect(validateManifest(manifest)).toEqual([]);
  });

  it("falls back to a placeholder id, without SSO, when MICROSOFT_APP_ID is absent", () => {
    const manifest = buildManifest({ MICROSOFT_APP_ID: "" }, version);
    expect(manifest.id).toBe(PLACEHOLDER_APP_ID);
    expect(manifest.bots?.[0]?.botId).toBe(PLACEHOLDER_APP_ID);
    expect(manifest.webApplicationInfo).toBeUndefined();
    expect(validateManifest(manifest)).toEqual([]);
  });

  it("takes the website and bot domain from QUORATE_WEBSITE_URL and QUORATE_BOT_DOMAIN", () => {
    const manifest = buildManifest(
      { QUORATE_WEBSITE_URL: "https://csp.example.gov.uk/quorate/", QUORATE_BOT_DOMAIN: "https://bot.example.gov.uk/api/messages" },
      version,
    );
    expect(manifest.developer).toMatchObject({
      websiteUrl: "https://csp.example.gov.uk/quorate",
      privacyUrl: "https://csp.example.gov.uk/quorate/privacy",
      termsOfUseUrl: "https://csp.example.gov.uk/quorate/terms",
    });
    expect(manifest.validDomains).toEqual(["bot.example.gov.uk"]);
    expect(buildManifest({}, version).validDomains).toEqual([]);
  });
});

describe("validation rejects what Teams would reject", () => {
  const good = () => buildManifest({ MICROSOFT_APP_ID: APP_ID }, version);

  it("rejects an app version that is not MAJOR.MINOR.PATCH", () => {
    expect(validateManifest({ ...good(), version: "x" })).toEqual([expect.stringContaining("/version")]);
  });

  it("rejects a bot id that is not a GUID", () => {
    const manifest = buildManifest({ MICROSOFT_APP_ID: "not-a-guid" }, version);
    const problems = validateManifest(manifest);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining("/id"), expect.stringContaining("/bots/0/botId")]));
    expect(() => buildPackage(manifest, readIcons())).toThrow(InvalidManifestError);
  });

  it("rejects more than ten commands, empty titles and unknown properties", () => {
    const manifest = good();
    const list = manifest.bots![0]!.commandLists![1]!;
    while (list.commands.length < 10) list.commands.push({ title: `extra ${list.commands.length}`, description: "extra" });
    list.commands = [...list.commands, { title: "", description: "extra" }];
    const problems = validateManifest({ ...manifest, colour: "teal" });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("at most 10"),
        expect.stringContaining("/bots/0/commandLists/1/commands/10/title"),
        expect.stringContaining('unknown property "colour"'),
      ]),
    );
  });

  it("rejects a manifestVersion with no official schema, or a mismatched $schema", () => {
    expect(validateManifest({ ...good(), manifestVersion: "9.99" })).toEqual([expect.stringContaining("no offline schema")]);
    expect(validateManifest({ ...good(), manifestVersion: "1.29" })).toEqual([expect.stringContaining("/$schema")]);
  });
});

describe("the tabs", () => {
  const env = { MICROSOFT_APP_ID: APP_ID, QUORATE_BOT_DOMAIN: "bot.example.gov.uk" };

  it("a channel tab whose configuration page binds it to the channel's board, and a personal 'My boards'", () => {
    const manifest = manifestFrom(unzipPackage(env));
    expect(manifest.configurableTabs).toEqual([
      { configurationUrl: "https://bot.example.gov.uk/tab/config.html?theme={theme}", canUpdateConfiguration: true, scopes: ["team"], context: ["channelTab"] },
    ]);
    expect(manifest.staticTabs?.[0]).toEqual({
      entityId: "myBoards",
      name: "My boards",
      contentUrl: "https://bot.example.gov.uk/tab/?theme={theme}",
      websiteUrl: "https://bot.example.gov.uk/tab/",
      scopes: ["personal"],
    });
    // Declaring a personal tab hides the bot's chat unless "conversations" is kept.
    expect(manifest.staticTabs?.map((t) => t.entityId)).toEqual(["myBoards", "conversations", "about"]);
    expect(manifest.validDomains).toEqual(["bot.example.gov.uk"]);
    expect(validateManifest(manifest)).toEqual([]);
  });

  it("single sign-on for the tab and the bot through one Application ID URI on the bot's host", () => {
    expect(buildManifest(env, version).webApplicationInfo).toEqual({ id: APP_ID, resource: `api://bot.example.gov.uk/botid-${APP_ID}` });
  });

  it("no tabs without the bot's host, since Teams loads them from it", () => {
    const manifest = buildManifest({ MICROSOFT_APP_ID: APP_ID }, version);
    expect(manifest.configurableTabs).toBeUndefined();
    expect(manifest.staticTabs).toBeUndefined();
    expect(validateManifest(manifest)).toEqual([]);
  });

  it("the schema rejects a tab Teams would reject", () => {
    const manifest = buildManifest(env, version);
    manifest.configurableTabs![0]!.scopes = ["everywhere" as never];
    expect(validateManifest(manifest)).toEqual(expect.arrayContaining([expect.stringContaining("/configurableTabs/0/scopes/0")]));
  });
});
