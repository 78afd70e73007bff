import { partnershipIdFor } from "../../storage/keys";
import { CHANNEL, TENANT } from "../support/teams";

/** The test channel's board id, as the bot derives it. */
export const channelPartnershipId = (tenant = TENANT, channel = CHANNEL) => partnershipIdFor(tenant, channel);
