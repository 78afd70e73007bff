import { Answering } from "../../bot/teams/answering";
import { CardUpdater, QUIET_MS } from "../../bot/teams/cardUpdater";
import { Proactive } from "../../bot/teams/proactive";
import { createLogger } from "../../bot/log";
import { AdaptiveCard } from "../../cards/render";

// While requests are being answered, the shared card's update waits for them (a short while at most):
// thirty presses at once must not queue their own answers behind the card updates the first ones
// started. On a fake clock, so nothing here waits in real time.

beforeEach(() => jest.useFakeTimers({ now: 0 }));
afterEach(() => jest.useRealTimers());

const card = (n: number) => ({ type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: `state ${n}` }] }) as unknown as AdaptiveCard;

function recordingProactive(sent: { at: number; text: string }[]): Proactive {
  return {
    post: async () => "x",
    postToPerson: async () => ({ conversationId: "a" }),
    update: async (_t, _id, c) => void sent.push({ at: Date.now(), text: JSON.stringify(c) }),
  };
}

const settle = async (ms: number) => {
  await jest.advanceTimersByTimeAsync(ms);
};

test("a card update waits until the answers in progress are out, then sends the newest state once", async () => {
  const answering = new Answering();
  const sent: { at: number; text: string }[] = [];
  const updater = new CardUpdater(recordingProactive(sent), createLogger("silent"), undefined, answering);
  let finish!: () => void;
  const answer = answering.track(() => new Promise<void>((resolve) => (finish = resolve)));
  const target = { serviceUrl: "https://x/", conversationId: "19:c" };
  updater.request(target, "m1", 1, async () => card(1));
  updater.request(target, "m1", 2, async () => card(2));
  await settle(50);
  expect(sent).toHaveLength(0);
  finish();
  await answer;
  await settle(0);
  await updater.idle();
  expect(sent.map((s) => s.text.includes("state 2"))).toEqual([true]);
});

test("answers that never stop do not hold a card update back longer than QUIET_MS", async () => {
  const answering = new Answering();
  const sent: { at: number; text: string }[] = [];
  const updater = new CardUpdater(recordingProactive(sent), createLogger("silent"), undefined, answering);
  void answering.track(() => new Promise<void>(() => undefined));
  updater.request({ serviceUrl: "https://x/", conversationId: "19:c" }, "m1", 1, async () => card(1));
  await settle(QUIET_MS - 10);
  expect(sent).toHaveLength(0);
  await settle(20);
  await updater.idle();
  expect(sent).toHaveLength(1);
  expect(sent[0]!.at).toBeGreaterThanOrEqual(QUIET_MS);
});

test("with nothing being answered, a card update goes at once", async () => {
  const answering = new Answering();
  const sent: { at: number; text: string }[] = [];
  const updater = new CardUpdater(recordingProactive(sent), createLogger("silent"), undefined, answering);
  await answering.track(async () => undefined);
  updater.request({ serviceUrl: "https://x/", conversationId: "19:c" }, "m1", 1, async () => card(1));
  await settle(0);
  await updater.idle();
  expect(sent).toEqual([{ at: 0, text: expect.stringContaining("state 1") }]);
});
