import { Host } from "./teams";

// The tab's JSON API, same-origin. Answers are kept with their ETag, so a view asked for again (the
// roll call, polled) comes back as 304 and the same object: the page then knows nothing changed.

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface Api {
  get<T>(path: string, fresh?: boolean): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

export function createApi(host: Host): Api {
  const kept = new Map<string, { etag: string; body: unknown }>();

  async function headers(fresh = false): Promise<Record<string, string>> {
    const out: Record<string, string> = { Accept: "application/json" };
    const token = await host.token(fresh).catch(() => undefined);
    if (token) out.Authorization = `Bearer ${token}`;
    return out;
  }

  async function read(res: Response): Promise<unknown> {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    if (!res.ok) throw new ApiError(res.status, body.error ?? `The server answered ${res.status}.`);
    return body;
  }

  return {
    async get<T>(path: string, fresh = false): Promise<T> {
      const h = await headers(fresh);
      const known = kept.get(path);
      if (known) h["If-None-Match"] = known.etag;
      const res = await fetch(path, { headers: h, credentials: "omit", cache: "no-cache" });
      // A token that has just expired: ask Teams for a new one, once.
      if (res.status === 401 && host.inTeams && !fresh) return this.get<T>(path, true);
      if (res.status === 304 && known) return known.body as T;
      const body = await read(res);
      const etag = res.headers.get("ETag");
      if (etag) kept.set(path, { etag, body });
      return body as T;
    },
    async post<T>(path: string, body: unknown): Promise<T> {
      const h = { ...(await headers()), "Content-Type": "application/json" };
      const res = await fetch(path, { method: "POST", headers: h, body: JSON.stringify(body), credentials: "omit" });
      return (await read(res)) as T;
    },
  };
}
