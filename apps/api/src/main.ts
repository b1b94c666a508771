// First: tracing and error reporting hook module loading before anything else loads.
import './observability/instrument.js';
import 'reflect-metadata';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadAppConfig, type AppConfig } from '@relais/core';
import { assertDatabaseReachable, describeDatabaseError } from '@relais/database';
import { AppModule } from './app.module.js';
import { configureApp } from './configure-app.js';
import { GRAPHQL_PATH } from './graphql/api-graphql.module.js';
import { GracefulShutdown } from './shutdown/graceful-shutdown.service.js';
import { outdatedNodeLine } from './runtime-version.js';
import {
  addressInUseLine,
  exitWithStartupFailure,
  isAddressInUse,
  type ApiReadyMessage,
} from './startup-failure.js';

function readConfig(): AppConfig {
  try {
    return loadAppConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) exitWithStartupFailure(error.message);
    throw error;
  }
}

async function bootstrap(): Promise<void> {
  const outdated = outdatedNodeLine();
  if (outdated) process.stderr.write(`${outdated}\n`);
  const config = readConfig();
  try {
    await assertDatabaseReachable(config.databaseUrl);
  } catch (error) {
    exitWithStartupFailure(describeDatabaseError(error, config.databaseUrl));
  }

  // Silent until pino takes over: Nest's default logger would print a stack trace for a
  // failure at boot, which the catch below turns into one line instead.
  const app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
  configureApp(app);
  // SIGTERM and SIGINT drain, then close (instead of Nest's enableShutdownHooks).
  app.get(GracefulShutdown).handleSignals(app);
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    await app.close().catch(() => undefined);
    if (isAddressInUse(error)) exitWithStartupFailure(addressInUseLine(config.host, config.port));
    throw error;
  }

  const address = (app.getHttpServer() as Server).address() as { port: number } | null;
  const port = address?.port ?? config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const graphqlUrl = `http://${shownHost}:${port}${GRAPHQL_PATH}`;
  if (process.send) {
    const ready: ApiReadyMessage = { type: 'relais:ready', graphqlUrl, port };
    process.send(ready);
    // Started by the launcher: when it goes away (even by kill -9), so does the API.
    process.once('disconnect', () => {
      void app.close().finally(() => process.exit(0));
    });
  } else if (config.nodeEnv === 'production') {
    // In production every line is JSON, for the log collector.
    app.get(Logger).log(`GraphQL at ${graphqlUrl}`, 'Relais');
  } else {
    process.stdout.write(`relais: GraphQL at ${graphqlUrl}\n`);
  }
}

bootstrap().catch((error: unknown) => {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  exitWithStartupFailure(`the API could not start: ${message}`);
});
