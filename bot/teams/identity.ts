import { TeamsInfo, TurnContext } from "botbuilder";
import { Logger } from "../log";

export interface TeamsPerson {
  email?: string;
  name?: string;
  aadObjectId?: string;
}

/** The person's email from the Teams member API: how a Teams user is first matched to the roster. */
export async function lookUpPerson(context: TurnContext, log: Logger): Promise<TeamsPerson> {
  const from = context.activity.from;
  try {
    const member = await TeamsInfo.getMember(context, from.id);
    return {
      email: member.email ?? member.userPrincipalName ?? undefined,
      name: member.name ?? from.name,
      aadObjectId: member.aadObjectId ?? from.aadObjectId,
    };
  } catch (error) {
    log.warn("teams.member_lookup_failed", { error, conversation: context.activity.conversation?.id });
    return { name: from?.name, aadObjectId: from?.aadObjectId };
  }
}
