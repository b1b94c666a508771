/** The Node major Relais runs on (decision 0018); older ones are out of support. */
export const SUPPORTED_NODE_MAJOR = 24;

/**
 * One line for a Node older than the one Relais targets, or undefined: started by hand with an
 * old `node`, the API still runs but says which Node to use.
 */
export function outdatedNodeLine(version: string = process.versions.node): string | undefined {
  const major = Number.parseInt(version.split('.')[0] ?? '', 10);
  if (Number.isNaN(major) || major >= SUPPORTED_NODE_MAJOR) return undefined;
  return (
    `relais: Node ${version} is out of support; Relais runs on Node ${SUPPORTED_NODE_MAJOR} LTS ` +
    `(npm scripts use the project's own, node_modules/.bin/node; or see .nvmrc)`
  );
}
