/** Status and Retry-After from whatever the connector client threw. */
export function throttleOf(error: unknown): { status?: number; retryAfterMs?: number } {
  const e = error as { statusCode?: number; response?: { status?: number; headers?: { get?(n: string): string | undefined } & Record<string, unknown> } };
  const status = e?.statusCode ?? e?.response?.status;
  const headers = e?.response?.headers;
  const raw = headers?.get?.("retry-after") ?? (headers?.["retry-after"] as string | undefined);
  const seconds = raw !== undefined ? Number(raw) : NaN;
  return { status, retryAfterMs: Number.isFinite(seconds) ? seconds * 1000 : undefined };
}
