import { Config } from "./config";
import { Logger } from "./log";
import { Store } from "../storage/store";

/** What every handler may use; passed in, so tests and the benchmark run the real thing. */
export interface Deps {
  store: Store;
  log: Logger;
  config: Config;
  now: () => Date;
}
