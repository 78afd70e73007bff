import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { MEETING_ID, PARTNERSHIP_ID } from "../../storage/keys";
import { PAPER_KINDS, PaperRequest } from "./files";

// Download links for the papers in a channel, where a bot cannot send files: HMAC-signed with the
// configured secret, bound to the board, the kind of file (and its meeting or count), expiring after 15
// minutes. Made when asked for and never stored: the signature is the only thing that lets one in.

export const LINK_TTL_MS = 15 * 60 * 1000;

export interface LinkClaims extends PaperRequest {
  partnershipId: string;
  /** Expiry, milliseconds since the epoch. */
  expires: number;
}

const payload = (c: LinkClaims) => ["papers-v1", c.partnershipId, c.kind, c.meetingId ?? "", c.last ?? "", c.expires].join("|");
const sign = (secret: string, c: LinkClaims) => createHmac("sha256", secret).update(payload(c)).digest("base64url");

export class PaperLinks {
  private base?: string;

  constructor(
    private readonly secret: string,
    publicUrl: string | undefined,
  ) {
    this.base = publicUrl?.replace(/\/+$/, "");
  }

  /** Local mode serves only this machine: links point at the port the bot listens on. */
  listeningOn(url: string): void {
    this.base ??= url;
  }

  /** An absolute link, or undefined when the bot does not know its public address. */
  url(claims: Omit<LinkClaims, "expires">, now: Date): string | undefined {
    if (!this.base) return undefined;
    const full: LinkClaims = { ...claims, expires: now.getTime() + LINK_TTL_MS };
    const query = new URLSearchParams();
    if (full.meetingId) query.set("m", full.meetingId);
    if (full.last !== undefined) query.set("n", String(full.last));
    query.set("exp", String(full.expires));
    query.set("sig", sign(this.secret, full));
    return `${this.base}/papers/${full.partnershipId}/${full.kind}?${query.toString()}`;
  }

  /** The claims of a link that is genuine and in date; undefined for anything else. */
  verify(params: unknown, query: unknown, now: Date): LinkClaims | undefined {
    const p = paramsSchema.safeParse(params);
    const q = querySchema.safeParse(query);
    if (!p.success || !q.success) return undefined;
    const claims: LinkClaims = { partnershipId: p.data.partnershipId, kind: p.data.kind, meetingId: q.data.m, last: q.data.n, expires: q.data.exp };
    const given = Buffer.from(q.data.sig, "base64url");
    const wanted = Buffer.from(sign(this.secret, claims), "base64url");
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return undefined;
    // A signed expiry further off than a link's life was never made here: refuse it too.
    if (claims.expires <= now.getTime() || claims.expires > now.getTime() + LINK_TTL_MS) return undefined;
    if (claims.kind.startsWith("minutes") !== (claims.meetingId !== undefined)) return undefined;
    return claims;
  }
}

const paramsSchema = z.object({ partnershipId: z.string().regex(PARTNERSHIP_ID), kind: z.enum(PAPER_KINDS) });
const querySchema = z.object({
  m: z.string().regex(MEETING_ID).optional(),
  n: z.coerce.number().int().min(1).max(120).optional(),
  exp: z.coerce.number().int().positive(),
  sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
