import { partnershipIdFor } from "../../storage/keys";
import { testConnectionString, uniquePrefix } from "../support/storage";
import { cardAction, CHANNEL, channelMessage, examplePeople, installInTeam, invokeCard, person, personalMessage, registerPeople, Reply, startTestBot, TENANT, TestBot } from "../support/teams";
import { captureLog, diffTables, ESCAPED, snapshotTables } from "./support/tables";

// Who may reach the bot at all. tests/bot/auth.test.ts covers a request without a token (401) and a
// message from another tenant; these cover the rest of the edge: invokes, submits, file consents and
// installs from another tenant, activities that name no tenant or two different ones, and an invoke
// without a token.

const people = examplePeople();
const manager = person(people, "Michelle Cunningham");
const chair = person(people, "Jenny Barnett");
const FOREIGN = "99999999-9999-4999-8999-999999999999";
const partnershipId = partnershipIdFor(TENANT, CHANNEL);

type Activity = Record<string, unknown> & { conversation: Record<string, unknown>; channelData: Record<string, unknown> };

/** The activity as if it came from `conversationTenant` / `channelDataTenant` (undefined: not said at all). */
function fromTenant(activity: Record<string, unknown>, conversationTenant: string | undefined, channelDataTenant: string | undefined): Activity {
  const a = structuredClone(activity) as Activity;
  if (conversationTenant === undefined) delete a.conversation.tenantId;
  else a.conversation.tenantId = conversationTenant;
  if (channelDataTenant === undefined) delete a.channelData.tenant;
  else a.channelData.tenant = { id: channelDataTenant };
  return a;
}

function isErrorAnswer(reply: Reply): boolean {
  const body = reply.body as { statusCode?: number; type?: string; value?: { message?: string } } | undefined;
  return reply.status === 200 && body?.type === "application/vnd.microsoft.error" && body.statusCode === 400 && typeof body.value?.message === "string";
}

describe("with ALLOWED_TENANTS set to the board's tenant", () => {
  let bot: TestBot;
  const prefix = uniquePrefix();
  const { log, events } = captureLog();
  let meetingId: string;

  beforeAll(async () => {
    bot = await startTestBot({ ALLOWED_TENANTS: TENANT, TABLE_PREFIX: prefix }, () => new Date("2024-03-21T13:55:00Z"), log);
    registerPeople(bot, people);
    // The allowed tenant works: without this the refusals below would prove nothing.
    await bot.send(cardAction(manager, "setup.save", { name: "Tenant CSP", quorumRequired: "4" }));
    await bot.send(channelMessage(manager, `import roster\nname,title,organisation,category,role,email\nJenny Barnett,,Essex Police,statutory,chair,${chair.email}`));
    await bot.send(channelMessage(manager, "meeting today 2pm, Board meeting"));
    await bot.send(channelMessage(chair, "roll call"));
    meetingId = (await bot.store.meetings.list(partnershipId))[0]!.id;
    await bot.app.idle();
  });
  afterAll(() => bot.close());

  test("the allowed tenant is served (the control for everything below)", async () => {
    expect((await bot.store.partnerships.get(partnershipId, "settings"))?.value.name).toBe("Tenant CSP");
    const reply = await bot.send(cardAction(chair, "roll.checkin", { partnershipId, meetingId }));
    expect(reply.status).toBe(200);
    expect(invokeCard(reply)).toBeDefined();
  });

  /**
   * Sends, waits for anything it started, and checks that nothing at all was stored or sent (with
   * `claims`, except the delivery claim a writing route makes before it looks at who is asking).
   */
  async function refusedWithoutTrace(activity: Record<string, unknown>, claims = false): Promise<Reply> {
    await bot.app.idle();
    const before = await snapshotTables(testConnectionString(), prefix);
    const sent = bot.connector.sent.length;
    const lookups = bot.connector.memberLookups;
    const reply = await bot.send(activity);
    await bot.app.idle();
    expect(diffTables(before, await snapshotTables(testConnectionString(), prefix), (key) => claims && key.startsWith("Deliveries|"))).toEqual([]);
    if (!claims) {
      expect(bot.connector.sent.slice(sent)).toEqual([]);
      expect(bot.connector.memberLookups).toBe(lookups);
    }
    return reply;
  }

  const invokes = () => [
    { what: "setup.save", activity: cardAction(manager, "setup.save", { name: "Hijacked CSP", quorumRequired: "1" }) },
    { what: "roll.checkin", activity: cardAction(chair, "roll.checkin", { partnershipId, meetingId }) },
    { what: "roll.close", activity: cardAction(chair, "roll.close", { partnershipId, meetingId }) },
    { what: "member.add", activity: cardAction(manager, "member.add", { name: "Eve Intruder", organisation: "Nowhere", addCategory: "statutory", addRole: "manager", email: "eve@example.com" }) },
  ];

  test.each([
    { tenant: "another tenant, said in both places", conversation: FOREIGN, channelData: FOREIGN },
    { tenant: "no tenant at all", conversation: undefined, channelData: undefined },
    { tenant: "another tenant in the conversation, ours in channelData", conversation: FOREIGN, channelData: TENANT },
    { tenant: "ours in the conversation, another in channelData", conversation: TENANT, channelData: FOREIGN },
  ])("an invoke from $tenant gets an error answer and writes nothing", async ({ conversation, channelData }) => {
    for (const { what, activity } of invokes()) {
      const reply = await refusedWithoutTrace(fromTenant(activity, conversation, channelData));
      expect({ what, refused: isErrorAnswer(reply) }).toEqual({ what, refused: true });
    }
  });

  test.each([
    { tenant: "another tenant", conversation: FOREIGN, channelData: FOREIGN },
    { tenant: "no tenant at all", conversation: undefined, channelData: undefined },
    { tenant: "ours in the conversation, another in channelData", conversation: TENANT, channelData: FOREIGN },
  ])("messages from $tenant (typed commands, an Action.Submit, apologies) are ignored and write nothing", async ({ conversation, channelData }) => {
    await refusedWithoutTrace(fromTenant(channelMessage(manager, "setup Hijacked CSP"), conversation, channelData));
    await refusedWithoutTrace(fromTenant(channelMessage(manager, "meeting tomorrow 2pm, Fake meeting"), conversation, channelData));
    await refusedWithoutTrace(fromTenant({ ...channelMessage(chair, ""), value: { verb: "roll.close", partnershipId, meetingId } }, conversation, channelData));
    await refusedWithoutTrace(fromTenant(personalMessage(chair, "Please send my apologies for Thursday"), conversation, channelData));
  });

  test("a file-consent answer from another tenant gets an error answer and uploads nothing", async () => {
    const accept = {
      ...personalMessage(manager, ""),
      type: "invoke",
      name: "fileConsent/invoke",
      value: {
        type: "fileUpload",
        action: "accept",
        context: { partnershipId },
        uploadInfo: { name: "actions.csv", uploadUrl: `${bot.connector.url}upload/actions.csv`, contentUrl: "https://contoso.sharepoint.com/actions.csv", uniqueId: "u1", fileType: "csv" },
      },
    };
    const reply = await refusedWithoutTrace(fromTenant(accept, FOREIGN, FOREIGN));
    expect(isErrorAnswer(reply)).toBe(true);
    expect(bot.connector.uploads).toEqual([]);
  });

  test("installing the bot in another tenant's team: no welcome, nothing stored", async () => {
    await refusedWithoutTrace(fromTenant(installInTeam("19:channel-elsewhere@thread.tacv2"), FOREIGN, FOREIGN));
  });

  test("refusals are logged by tenant id, and no refusal escaped a handler", () => {
    expect(events.filter((e) => e.event === "tenant.refused").length).toBeGreaterThan(0);
    expect(events.filter((e) => ESCAPED.includes(e.event))).toEqual([]);
  });

  test.each([
    { what: "no sender at all", from: undefined },
    { what: "a sender with neither id nor aadObjectId", from: { name: "Jenny Barnett" } },
    { what: "a sender with an empty id", from: { id: "", aadObjectId: "" } },
  ])("an activity from $what acts as nobody: a check-in records no one, a close is refused", async ({ from }) => {
    // Board members not yet linked to Teams must not be matched by a missing identity.
    await bot.send(channelMessage(manager, `import roster\nname,title,organisation,category,role,email\nJenny Barnett,,Essex Police,statutory,chair,${chair.email}\nMichael Dineen,,Thurrock Council,statutory,vice-chair,michael.dineen@example.org\nCheryl Wells,,Thurrock Council,statutory,member,cheryl.wells@example.org`));
    await bot.app.idle();
    const anonymous = (activity: Record<string, unknown>) => ({ ...activity, from });
    const logged = events.length;
    const checkIn = await refusedWithoutTrace(anonymous(cardAction(chair, "roll.checkin", { partnershipId, meetingId })), true);
    expect((checkIn.body as { type?: string }).type).not.toBe("application/vnd.microsoft.card.adaptive");
    const close = await refusedWithoutTrace(anonymous(cardAction(chair, "roll.close", { partnershipId, meetingId })), true);
    expect((close.body as { type?: string }).type).not.toBe("application/vnd.microsoft.card.adaptive");
    expect(events.slice(logged).filter((e) => ESCAPED.includes(e.event)).map((e) => `${e.event}: ${String(e.fields.error)}`)).toEqual([]);
  });
});

describe("with an app id configured", () => {
  let bot: TestBot;
  beforeAll(async () => {
    // CloudAdapter reports each refused request on console.error; the assertions check the refusal.
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    bot = await startTestBot({ MICROSOFT_APP_ID: "11111111-2222-4333-8444-555555555555", MICROSOFT_APP_PASSWORD: "not-used", MICROSOFT_APP_TENANT_ID: TENANT });
  });
  afterAll(() => bot.close());

  test("an invoke without a token gets 401, no invoke answer, and changes nothing", async () => {
    const reply = await bot.send(cardAction(manager, "setup.save", { name: "Hijacked CSP" }));
    expect(reply.status).toBe(401);
    expect((reply.body as { type?: string } | undefined)?.type).toBeUndefined();
    expect(bot.connector.sent).toEqual([]);
    expect(await bot.store.partnerships.query("PartitionKey ne ''")).toEqual([]);
    expect(await bot.store.deliveries.query("PartitionKey ne ''")).toEqual([]);
  });
});
