import { isAbsolute, resolve } from 'node:path';

/**
 * The folder of caught emails the development page reads (DEV_MAIL_DIR, set by `npm start` when
 * it runs its mail catcher), or undefined when the page is off: without DEV_MAIL_DIR, and always
 * in production, whatever DEV_MAIL_DIR says.
 */
export function devMailFolder(env: {
  readonly DEV_MAIL_DIR?: string | undefined;
  readonly NODE_ENV?: string | undefined;
}): string | undefined {
  const folder = env.DEV_MAIL_DIR?.trim();
  if (!folder || env.NODE_ENV === 'production') return undefined;
  return isAbsolute(folder) ? folder : resolve(folder);
}

/** Injection token of that folder (string | undefined). */
export const DEV_MAIL_FOLDER = Symbol('DEV_MAIL_FOLDER');
