import type { CloudAdapter, TurnContext } from "botbuilder";
import { createProactive } from "../../bot/teams/proactive";
import { RateLimiter, TEAMS_CONVERSATION_LIMITS } from "../../bot/teams/rateLimiter";

// Posts and card updates to one person's 1:1 chat count against one allowance, as Teams counts them.
// A fake adapter records what goes out; jest's fake timers drive the clock and the limiter's waits.

beforeEach(() => jest.useFakeTimers({ now: 0 }));
afterEach(() => jest.useRealTimers());

const SERVICE = "https://service.example/";
const dmOf = (userId: string) => `a:dm-${userId}`;

/** Records each send and update with the conversation it went to. */
function fakeAdapter() {
  const out: { kind: "post" | "update"; conversationId: string; at: number }[] = [];
  const contextFor = (conversationId: string) =>
    ({
      activity: { conversation: { id: conversationId } },
      sendActivity: async () => {
        out.push({ kind: "post", conversationId, at: Date.now() });
        return { id: `m-${out.length}` };
      },
      updateActivity: async () => {
        out.push({ kind: "update", conversationId, at: Date.now() });
      },
    }) as unknown as TurnContext;
  const adapter = {
    continueConversationAsync: async (_app: string, reference: { conversation: { id: string } }, logic: (c: TurnContext) => Promise<void>) =>
      logic(contextFor(reference.conversation.id)),
    // Like Teams: the same person always gets the same 1:1 chat.
    createConversationAsync: async (
      _app: string,
      _channel: string,
      _service: string,
      _audience: string,
      params: { members: { id: string }[] },
      logic: (c: TurnContext) => Promise<void>,
    ) => logic(contextFor(dmOf(params.members[0]!.id))),
  } as unknown as CloudAdapter;
  return { adapter, out };
}

/** A RateLimiter that also notes the key of every acquire. */
class RecordingLimiter extends RateLimiter {
  readonly keys: string[] = [];
  constructor() {
    super(TEAMS_CONVERSATION_LIMITS, () => Date.now());
  }
  override acquire(conversationOrKey: string) {
    this.keys.push(this.keyOf(conversationOrKey));
    return super.acquire(conversationOrKey);
  }
}

const card = { type: "AdaptiveCard", version: "1.5", body: [] } as never;
const person = { teamsUserId: "29:ada", tenantId: "tenant", serviceUrl: SERVICE };

describe("pacing a person's 1:1 chat", () => {
  test("a post and the updates to its card share one allowance", async () => {
    const { adapter, out } = fakeAdapter();
    const limiter = new RecordingLimiter();
    const proactive = createProactive(adapter, "app", limiter);

    const posted = await proactive.postToPerson(person, card);
    expect(posted.conversationId).toBe(dmOf(person.teamsUserId));
    const target = { serviceUrl: SERVICE, conversationId: posted.conversationId };
    // Six updates at once: with the post, that is seven in a second, one more than the limiter allows.
    let finished = 0;
    const updates = Array.from({ length: 6 }, () => proactive.update(target, posted.activityId!, card).then(() => finished++));
    await jest.advanceTimersByTimeAsync(0);
    expect(finished).toBe(5);
    await jest.advanceTimersByTimeAsync(1_100);
    await Promise.all(updates);
    expect(finished).toBe(6);

    // All seven went under the one key, and never more than six within a second.
    expect(new Set(limiter.keys)).toEqual(new Set([`personal:${person.teamsUserId}`]));
    expect(out.map((o) => o.kind)).toEqual(["post", ...Array(6).fill("update")]);
    for (const o of out) expect(out.filter((p) => p.at <= o.at && o.at - p.at < 1_000).length).toBeLessThanOrEqual(6);
  });

  test("later posts to the person and posts addressed to the chat keep to that allowance", async () => {
    const { adapter } = fakeAdapter();
    const limiter = new RecordingLimiter();
    const proactive = createProactive(adapter, "app", limiter);

    const { conversationId } = await proactive.postToPerson(person, "first");
    await proactive.post({ serviceUrl: SERVICE, conversationId }, "second");
    await proactive.postToPerson(person, "third");
    expect(limiter.keys).toEqual(Array(3).fill(`personal:${person.teamsUserId}`));
  });

  test("channels and other people's chats keep their own allowance", async () => {
    const { adapter } = fakeAdapter();
    const limiter = new RecordingLimiter();
    const proactive = createProactive(adapter, "app", limiter);

    await proactive.postToPerson(person, "hello");
    await proactive.postToPerson({ ...person, teamsUserId: "29:bo" }, "hello");
    await proactive.update({ serviceUrl: SERVICE, conversationId: dmOf("29:bo") }, "m-2", card);
    await proactive.update({ serviceUrl: SERVICE, conversationId: "19:channel@thread.tacv2;messageid=17" }, "m-9", card);
    expect(limiter.keys).toEqual(["personal:29:ada", "personal:29:bo", "personal:29:bo", "19:channel@thread.tacv2"]);
  });

  test("once the person has written in their chat, replies there and posts to them share one allowance", async () => {
    const limiter = new RateLimiter(TEAMS_CONVERSATION_LIMITS, () => Date.now());
    // What a personal turn does (bot/turn.ts) before it replies: the chat is the person's.
    limiter.alias(dmOf("29:cy"), "personal:29:cy");
    let went = 0;
    const sends = [
      ...Array.from({ length: 3 }, () => limiter.acquire(dmOf("29:cy")).then((sent) => (went++, sent()))),
      ...Array.from({ length: 4 }, () => limiter.acquire("personal:29:cy").then((sent) => (went++, sent()))),
    ];
    await jest.advanceTimersByTimeAsync(0);
    expect(went).toBe(6);
    await jest.advanceTimersByTimeAsync(1_100);
    await Promise.all(sends);
    expect(went).toBe(7);
  });
});
