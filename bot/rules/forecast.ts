import { Attendance, Member, QuorumRule } from "../domain/types";
import { evaluateQuorum } from "./quorum";

// Can the next meeting still be quorate, given the apologies so far? The best case: everyone who has
// not sent apologies comes, and every named deputy comes.

export interface Forecast {
  canBeQuorate: boolean;
  /** The most organisations (or persons) that could still be there. */
  best: number;
  required: number;
  /** Who cannot be represented unless someone finds a deputy: the ones to chase. */
  lost: string[];
}

export function forecastQuorum(roster: readonly Member[], apologies: readonly Attendance[], rule: QuorumRule): Forecast {
  const sent = new Map(apologies.map((a) => [a.memberId, a]));
  const bestCase: Attendance[] = roster
    .filter((m) => m.status === "active")
    .flatMap((m): Attendance[] => {
      const record = sent.get(m.id);
      const base = { meetingId: "", memberId: m.id, recordedBy: "", recordedAt: "" };
      if (record?.status === "apologies" || record?.status === "absent") return [];
      if (record?.status === "apologies-substitute") return [{ ...base, status: "present-substitute" }];
      return [{ ...base, status: "present" }];
    });
  const status = evaluateQuorum(roster, bestCase, rule);
  return { canBeQuorate: status.quorate, best: status.count, required: status.required, lost: status.missing };
}
