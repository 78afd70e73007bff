import { createHash, randomBytes } from "node:crypto";

// Azure Tables forbids / \ # ? and control characters in keys. Keys here are either built from
// generated ids (hex, GUIDs, digits) or passed through escapeKey, so nothing from outside reaches a key
// unescaped.

const SAFE = /^[A-Za-z0-9_.:@=+-]$/;

/** Reversible: every character outside a safe set becomes !XXXX (its UTF-16 code in hex). */
export function escapeKey(value: string): string {
  let out = "";
  for (const ch of value) {
    if (SAFE.test(ch)) out += ch;
    else {
      for (let i = 0; i < ch.length; i++) out += "!" + ch.charCodeAt(i).toString(16).padStart(4, "0");
    }
  }
  return out;
}

export function unescapeKey(key: string): string {
  return key.replace(/!([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function shortHash(text: string, length = 20): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A member's id is derived from their email so a re-import can never create a second record. */
export function memberIdForEmail(email: string): string {
  return "m" + shortHash("email:" + normaliseEmail(email));
}

/** A partnership is bound to one channel (or group chat): its id is derived from that binding. */
export function partnershipIdFor(tenantId: string, conversationId: string): string {
  return "p" + shortHash(`${tenantId}|${conversationId}`);
}

/** Row keys for meetings sort by start time, so "meetings to come" is one range query. */
export function meetingIdFor(startsAtIso: string, salt = randomBytes(3).toString("hex")): string {
  const compact = startsAtIso.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${compact}-${salt}`;
}

export function meetingRowKeyFrom(startsAtIso: string): string {
  return startsAtIso.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

export const MEMBER_ID = /^m[0-9a-f]{20}$/;
export const PARTNERSHIP_ID = /^p[0-9a-f]{20}$/;
export const MEETING_ID = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

const MAX_TICKS = 9_999_999_999_999;
/** Newest first: row keys that sort in reverse time order, unique within a partition. */
export function newestFirstKey(at: Date): string {
  return `${String(MAX_TICKS - at.getTime()).padStart(13, "0")}-${randomBytes(4).toString("hex")}`;
}
