import type { INestApplicationContext } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ACCESS_RULE, type AccessRule } from './access.decorators.js';

// Metadata keys under which Nest records what a method is (stable public constants).
const RESOLVER_TYPE = 'graphql:resolver_type';
const RESOLVER_NAME = 'graphql:resolver_name';
const MESSAGE_MAPPING = 'websockets:message_mapping';
const MESSAGE = 'message';
const ROUTE_PATH = 'path';

/** Every operation of the application (GraphQL, socket.io message, HTTP route) and its rule. */
function operationRules(
  app: INestApplicationContext,
): { readonly label: string; readonly rule: AccessRule | undefined }[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const operations: { label: string; rule: AccessRule | undefined }[] = [];
  const wrappers = [...discovery.getProviders(), ...discovery.getControllers()];
  for (const wrapper of wrappers) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    const classRule = Reflect.getMetadata(ACCESS_RULE, instance.constructor) as
      AccessRule | undefined;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const method = (prototype as Record<string, unknown>)[name] as object;
      const graphqlType = Reflect.getMetadata(RESOLVER_TYPE, method) as string | undefined;
      const isOperation =
        graphqlType === 'Query' || graphqlType === 'Mutation' || graphqlType === 'Subscription';
      const isMessage = Reflect.getMetadata(MESSAGE_MAPPING, method) === true;
      const isRoute =
        wrapper.isNotMetatype === false &&
        discovery.getControllers().includes(wrapper) &&
        Reflect.getMetadata(ROUTE_PATH, method) !== undefined;
      if (!isOperation && !isMessage && !isRoute) continue;
      const label = isOperation
        ? `${graphqlType}.${(Reflect.getMetadata(RESOLVER_NAME, method) as string | undefined) ?? name}`
        : isMessage
          ? `socket message "${String(Reflect.getMetadata(MESSAGE, method))}"`
          : `${instance.constructor.name}.${name}`;
      const rule =
        (Reflect.getMetadata(ACCESS_RULE, method) as AccessRule | undefined) ?? classRule;
      operations.push({ label, rule });
    }
  }
  return operations;
}

/**
 * Every GraphQL operation (Query, Mutation, Subscription), socket.io message handler and HTTP
 * route of the application that declares no access rule (`@Public`, `@Authenticated`,
 * `@Policy`, `@PersonSelf`). The guard refuses such operations anyway; this finds them before a
 * user does.
 */
export function operationsWithoutAccessRule(app: INestApplicationContext): string[] {
  return operationRules(app)
    .filter((operation) => operation.rule === undefined)
    .map((operation) => operation.label)
    .sort();
}

/** The operations whose rule is of this kind (`public` for `@Public`, `person` for `@PersonSelf`...). */
export function operationsWithRule(
  app: INestApplicationContext,
  kind: AccessRule['kind'],
): string[] {
  return operationRules(app)
    .filter((operation) => operation.rule?.kind === kind)
    .map((operation) => operation.label)
    .sort();
}

/**
 * The operations a followed person's session may call (`@PersonSelf`): the guard refuses a
 * person every other one but the public ones, so this list is the person's whole reach (issue 22).
 */
export function operationsOpenToPersons(app: INestApplicationContext): string[] {
  return operationsWithRule(app, 'person');
}
