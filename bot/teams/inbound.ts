import type { Request as HttpRequest, Response as HttpResponse } from "restify";
import { CloudAdapter, TurnContext } from "botbuilder";
import { Activity } from "botbuilder";
import { AuthenticationError } from "botframework-connector";
import { errorFields, Logger } from "../log";
import { Answering } from "./answering";

// CloudAdapter.process() answers a refused token itself, printing the error (token reason, stack) with
// console.error and echoing the reason in the body. This does the same job through the adapter's own
// processActivity, so that every refusal or failure is one JSON log line with ids only, and is counted.

/** What an operator can watch: requests refused (no or bad token) and requests that failed on our side. */
export interface InboundCounters {
  refused: number;
  failed: number;
}

export class InboundAdapter extends CloudAdapter {
  readonly counters: InboundCounters = { refused: 0, failed: 0 };
  /** Requests being answered now: background card work waits for them (answering.ts). */
  readonly answering = new Answering();
  private log?: Logger;

  /** The logger the refusals go to (set once the logger exists). */
  useLog(log: Logger): void {
    this.log = log;
  }

  /** Handles one POST to /api/messages. Never throws. */
  receive(req: HttpRequest, res: HttpResponse, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.answering.track(() => this.answer(req, res, logic));
  }

  private async answer(req: HttpRequest, res: HttpResponse, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const body = req.body as Partial<Activity> | undefined;
    const requestId = typeof req.id === "function" ? req.id() : undefined;
    if (!body || typeof body !== "object" || typeof body.type !== "string" || body.type === "") {
      this.counters.refused++;
      this.log?.warn("http.refused", { status: 400, request: requestId });
      return end(res, 400);
    }
    const activity = withDates(body as Activity);
    const ids = { request: requestId, activity: idOf(activity.id), conversation: idOf(activity.conversation?.id) };
    const header = req.headers.authorization ?? (req.headers as Record<string, string | undefined>).Authorization ?? "";
    try {
      const answer = await this.processActivity(String(header), activity, logic);
      return end(res, answer?.status ?? 200, answer?.body);
    } catch (error) {
      if (error instanceof AuthenticationError || (error as { statusCode?: number })?.statusCode === 401) {
        this.counters.refused++;
        // No reason: it can name what was wrong with the token, and the sender is not to be trusted.
        this.log?.warn("http.refused", { status: 401, ...ids, refused: this.counters.refused });
        return end(res, 401);
      }
      this.counters.failed++;
      this.log?.error("http.failed", { status: 500, ...ids, ...errorFields(error), failed: this.counters.failed });
      return end(res, 500);
    }
  }
}

function end(res: HttpResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  res.status(status);
  if (body !== undefined) res.send(body);
  res.end();
}

/** botbuilder's own validateAndFixActivity: the timestamps as dates, the wire text kept. */
function withDates(activity: Activity): Activity {
  const a = activity as Activity & Record<string, unknown>;
  for (const [field, raw] of [["timestamp", "rawTimestamp"], ["expiration", "rawExpiration"], ["localTimestamp", "rawLocalTimestamp"]] as const) {
    if (typeof a[field] === "string") {
      a[raw] = a[field];
      a[field] = new Date(a[field] as string);
    }
  }
  return a;
}

/** An id from an untrusted body, made safe and short enough to log. */
const idOf = (value: unknown): string | undefined => (typeof value === "string" ? value.replace(/[^\x21-\x7e]/g, "?").slice(0, 120) : undefined);
