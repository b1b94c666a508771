import { outdatedNodeLine } from './runtime-version.js';

describe('the Node version check', () => {
  it('names the Node to use when started on an older one', () => {
    expect(outdatedNodeLine('20.20.2')).toBe(
      "relais: Node 20.20.2 is out of support; Relais runs on Node 24 LTS (npm scripts use the project's own, node_modules/.bin/node; or see .nvmrc)",
    );
    expect(outdatedNodeLine('22.12.0')).toContain('Node 22.12.0 is out of support');
  });

  it('says nothing on Node 24 or later', () => {
    expect(outdatedNodeLine('24.21.0')).toBeUndefined();
    expect(outdatedNodeLine('26.0.0')).toBeUndefined();
  });

  it('runs the suite on the Node the project brings', () => {
    expect(outdatedNodeLine()).toBeUndefined();
  });
});
