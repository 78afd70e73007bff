import { helpCard } from "../../cards/helpCard";
import { welcomeCard } from "../../cards/welcomeCard";
import { COMMANDS } from "../commands/catalog";
import { Outcome, say } from "../outcome";
import { Request } from "../request";

export function showHelp(req: Request): Outcome {
  return {
    card: helpCard({
      howToAsk:
        req.scope === "personal"
          ? "Type a command here. In the board's channel, @mention me first."
          : "@mention me with a command, for example: @Quorate roster",
      commands: COMMANDS.map(({ usage, description }) => ({ usage, description })),
      buttons: COMMANDS.flatMap((c) => (c.button ? [c.button] : [])),
    }),
  };
}

export function unknownCommand(text: string): Outcome {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return say(`I didn't recognise "${shown}". Say **help** to see what I can do.`);
}

export function welcome(req: Request): Outcome {
  return { posts: [welcomeCard({ localMode: req.deps.config.auth.mode === "local" })] };
}
