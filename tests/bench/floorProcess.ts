import { childSettings, serve, Served } from "./child";
import { startFloorBot } from "./floorBot";
import { PrepareRound, startStorageFloor } from "./storageFloor";

// The floor, or the floor + storage, in a process of its own: forked by the bench (floorBot.ts) with
// its settings in its environment as JSON; over IPC it takes the card to answer with, a round to prepare,
// and is asked for its storage round trips (and, as every child, its CPU).

export type FloorSettings = { kind: "floor" } | { kind: "storage"; connectionString: string; prefix: string };

serve(async (): Promise<Served> => {
  const settings = childSettings<FloorSettings>();
  if (settings.kind === "floor") {
    const floor = await startFloorBot();
    return { url: floor.url, close: floor.close, handlers: { setCard: (card: Record<string, unknown>) => floor.setCard(card) } };
  }
  const floor = await startStorageFloor(settings.connectionString, settings.prefix);
  return {
    url: floor.url,
    close: floor.close,
    handlers: {
      setCard: (card: Record<string, unknown>) => floor.setCard(card),
      prepare: (round: PrepareRound) => floor.prepare(round),
      roundTrips: () => floor.roundTrips(),
    },
  };
});
