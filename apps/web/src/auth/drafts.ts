import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { sessionAccountId } from './session';

/**
 * What was typed and not saved when the session ended (an idle sign-out): kept in this tab for
 * the same account, and put back in the same fields when that account is back on that page.
 * Another account signing in on the same computer never gets it.
 */
interface Drafts {
  readonly path: string;
  readonly accountId: string;
  readonly fields: Record<string, string>;
}

const DRAFTS_KEY = 'relais.drafts';
const FIELDS =
  'main textarea, main input:not([type]), main input[type="text"], main input[type="email"], main input[type="tel"], main input[type="date"], main input[type="number"]';

function keyOf(field: HTMLInputElement | HTMLTextAreaElement): string | undefined {
  // A name is stable from one rendering to the next; generated ids may not be.
  return field.name || field.id || undefined;
}

/** Keeps the page's typed text aside before the session ends; true when there was some. */
export function keepDrafts(): boolean {
  const accountId = sessionAccountId();
  if (!accountId) return false;
  const fields: Record<string, string> = {};
  for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(FIELDS)) {
    const key = keyOf(field);
    // React keeps defaultValue equal to a controlled field's value: any text counts.
    if (key && field.value.trim()) fields[key] = field.value;
  }
  if (Object.keys(fields).length === 0) return false;
  const drafts: Drafts = { path: window.location.pathname, accountId, fields };
  sessionStorage.setItem(DRAFTS_KEY, JSON.stringify(drafts));
  return true;
}

function keptDrafts(): Drafts | undefined {
  try {
    return (JSON.parse(sessionStorage.getItem(DRAFTS_KEY) ?? 'null') as Drafts | null) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Sets a React-controlled field's value as typing would. */
function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const prototype =
    field instanceof HTMLTextAreaElement
      ? HTMLTextAreaElement.prototype
      : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Puts kept drafts back in their fields as they appear on their page, then forgets them. */
export function DraftRestorer() {
  const { pathname } = useLocation();
  useEffect(() => {
    const drafts = keptDrafts();
    if (!drafts) return;
    if (drafts.accountId !== sessionAccountId()) {
      sessionStorage.removeItem(DRAFTS_KEY);
      return;
    }
    if (drafts.path !== pathname) return;
    const remaining = new Map(Object.entries(drafts.fields));
    const restore = () => {
      for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
        FIELDS,
      )) {
        const key = keyOf(field);
        const value = key === undefined ? undefined : remaining.get(key);
        if (key === undefined || value === undefined || field.value) continue;
        type(field, value);
        remaining.delete(key);
      }
      if (remaining.size === 0) {
        sessionStorage.removeItem(DRAFTS_KEY);
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(restore);
    observer.observe(document.body, { childList: true, subtree: true });
    restore();
    return () => observer.disconnect();
  }, [pathname]);
  return null;
}
