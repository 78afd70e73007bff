import { readFileSync } from "node:fs";
import {
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  TurnContext,
} from "botbuilder";
import { CertificateServiceClientCredentialsFactory } from "botframework-connector";
import { Config } from "./config";
import { errorFields, Logger } from "./log";
import { InboundAdapter } from "./teams/inbound";

/**
 * The CloudAdapter authenticates every inbound request when an app id is configured; with none (local
 * mode) it authenticates nothing, which is only ever acceptable on localhost.
 */
export function createAdapter(config: Config, log: Logger): InboundAdapter {
  const auth = config.auth;
  let authentication: ConfigurationBotFrameworkAuthentication;
  if (auth.mode === "local") {
    authentication = new ConfigurationBotFrameworkAuthentication({});
  } else if (auth.certificate) {
    const key = auth.certificate.privateKey.includes("-----BEGIN")
      ? auth.certificate.privateKey
      : readFileSync(auth.certificate.privateKey, "utf8");
    authentication = new ConfigurationBotFrameworkAuthentication(
      { MicrosoftAppId: auth.appId, MicrosoftAppType: auth.appType, MicrosoftAppTenantId: auth.tenantId },
      new CertificateServiceClientCredentialsFactory(auth.appId, auth.certificate.thumbprint, key, auth.tenantId),
    );
  } else {
    const settings = {
      MicrosoftAppId: auth.appId,
      MicrosoftAppPassword: auth.password,
      MicrosoftAppType: auth.appType,
      MicrosoftAppTenantId: auth.tenantId,
    };
    authentication = new ConfigurationBotFrameworkAuthentication(settings, new ConfigurationServiceClientCredentialFactory(settings));
  }
  const adapter = new InboundAdapter(authentication);
  adapter.useLog(log);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    adapter.counters.failed++;
    log.error("turn.unhandled", { activity: context.activity.id, type: context.activity.type, ...errorFields(error), failed: adapter.counters.failed });
    try {
      if (context.activity.type === "message") await context.sendActivity("Something went wrong on my side. Please try again.");
    } catch (sendError) {
      log.error("turn.error_reply_failed", { activity: context.activity.id, ...errorFields(sendError) });
    }
  };
  return adapter;
}
