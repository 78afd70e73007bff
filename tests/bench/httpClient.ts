import http from "node:http";

// One keep-alive client per target, identical for the bot and the floor, so their figures compare.

export interface Answer {
  status: number;
  text: string;
  /** From just before the request is written to the last byte of the answer. */
  ms: number;
}

export class HttpClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly host: string;
  private readonly port: number;
  /** Requests resent because the server had just closed an idle keep-alive socket. */
  resent = 0;

  constructor(baseUrl: string) {
    const url = new URL(baseUrl);
    this.host = url.hostname === "localhost" ? "127.0.0.1" : url.hostname;
    this.port = Number(url.port);
  }

  post(path: string, body: string): Promise<Answer> {
    return this.request("POST", path, body);
  }

  get(path: string): Promise<Answer> {
    return this.request("GET", path);
  }

  close(): void {
    this.agent.destroy();
  }

  private async request(method: string, path: string, body?: string): Promise<Answer> {
    // A reused socket the server closed while idle is the client's problem, not the bot's: resend. After
    // a pause between rounds many pooled sockets may have gone at once ("socket hang up" on each), so
    // as often as it takes to come to a fresh one; a failure on a fresh socket is the server's.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(method, path, body);
      } catch (error) {
        if (!(error as { reused?: boolean }).reused || attempt >= 64) throw error;
        this.resent++;
      }
    }
  }

  private once(method: string, path: string, body?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = body === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(body) };
      const started = process.hrtime.bigint();
      const req = http.request({ host: this.host, port: this.port, method, path, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), ms });
        });
        res.on("error", reject);
      });
      req.on("error", (error) => reject(Object.assign(error, { reused: req.reusedSocket })));
      req.end(body);
    });
  }
}
