/** What a partner system may do with its token (OAuth2 scopes). */
export enum ApiScope {
  PERSONS_READ = 'persons:read',
  PERSONS_WRITE = 'persons:write',
  HANDOVERS_READ = 'handovers:read',
  HANDOVERS_WRITE = 'handovers:write',
  EVENTS_READ = 'events:read',
  /** Sensitive obstacles and notes (health, disability, justice): never without this scope. */
  SENSITIVE_READ = 'sensitive:read',
}

export const API_SCOPES: readonly string[] = Object.values(ApiScope);
