import { gatewayConfig } from '@hoi/common/config';
import { createLogger } from '@hoi/common/logger';
import { stopOnSignal } from '@hoi/common/service';
import { startGateway } from './gateway.ts';

const config = gatewayConfig();
const logger = createLogger('gateway');
const subgraphUrls = Object.fromEntries(
  Object.entries({ places: config.PLACES_URL, 'red-cross': config.RED_CROSS_URL, elderly: config.ELDERLY_URL, emulation: config.EMULATION_URL }).filter(
    (entry): entry is [string, string] => Boolean(entry[1]),
  ),
);
const gateway = await startGateway({
  supergraphSdl: { location: config.HOI_SUPERGRAPH, pollMs: config.HOI_SUPERGRAPH_POLL_MS },
  subgraphUrls,
  port: config.PORT,
  host: config.HOST,
  logger,
  gatewaySecret: process.env.HOI_GATEWAY_SECRET,
  trustedDocuments: { location: config.HOI_TRUSTED_DOCUMENTS, pollMs: config.HOI_SUPERGRAPH_POLL_MS },
});
logger.info({ url: gateway.url }, 'listening');
stopOnSignal(gateway, logger);
