import { Config } from "./config";
import { Logger } from "./log";
import { Store } from "../storage/store";
import { Background } from "./background";
import { BoardCache } from "./boardCache";
import { CardUpdater } from "./teams/cardUpdater";
import { Proactive } from "./teams/proactive";
import { RateLimiter } from "./teams/rateLimiter";
import { PaperLinks } from "./papers/links";

/** What every handler may use; passed in, so tests and the benchmark run the real thing. */
export interface Deps {
  store: Store;
  log: Logger;
  config: Config;
  now: () => Date;
  boards: BoardCache;
  proactive: Proactive;
  /** Per-conversation pacing shared by replies, proactive posts and card updates. */
  limiter: RateLimiter;
  /** Per-conversation pacing of member reads (Teams counts them apart from sends). */
  memberReads: RateLimiter;
  cards: CardUpdater;
  background: Background;
  /** Signs and checks the papers' download links. */
  links: PaperLinks;
}
