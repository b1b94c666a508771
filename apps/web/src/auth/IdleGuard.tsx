import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, useState } from 'react';
import { keepDrafts } from './drafts';
import { announceActivity, onActivityElsewhere, signOut } from './session';

/** Warned this long before an idle sign-out. */
const WARNING_MS = 2 * 60_000;
/** Activity is told to the other tabs at most this often. */
const ANNOUNCE_EVERY_MS = 15_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Signs the browser out after the session's idle timeout (the server's SESSION_IDLE_MINUTES,
 * 30 by default: a shared office computer left alone), counting activity in any tab, with a
 * warning two minutes before that one click or key dismisses. What was typed and not saved is
 * kept aside and put back after signing in again.
 */
export function IdleGuard() {
  const [idleMs, setIdleMs] = useState<number>();
  const [remainingMs, setRemainingMs] = useState<number>();
  // Set when the guard starts (below): the session was just used.
  const lastActivity = useRef(0);
  const lastAnnounced = useRef(0);
  const stayButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetch('/auth/methods', { signal: controller.signal })
      .then((response) => response.json() as Promise<{ sessionIdleMinutes?: number }>)
      .then(
        (methods) => setIdleMs((methods.sessionIdleMinutes ?? 30) * 60_000),
        () => undefined,
      );
    return () => controller.abort();
  }, []);

  useEffect(() => {
    lastActivity.current = Date.now();
    const active = () => {
      const now = Date.now();
      lastActivity.current = now;
      if (now - lastAnnounced.current > ANNOUNCE_EVERY_MS) {
        lastAnnounced.current = now;
        announceActivity(now);
      }
    };
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, active, { passive: true });
    const stop = onActivityElsewhere((at) => {
      lastActivity.current = Math.max(lastActivity.current, at);
    });
    return () => {
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, active);
      stop();
    };
  }, []);

  useEffect(() => {
    if (idleMs === undefined) return;
    const check = () => {
      const left = lastActivity.current + idleMs - Date.now();
      if (left <= 0) {
        keepDrafts();
        void signOut('idle');
        return;
      }
      setRemainingMs(left <= WARNING_MS ? left : undefined);
    };
    const timer = setInterval(check, 1_000);
    return () => clearInterval(timer);
  }, [idleMs]);

  const warning = remainingMs !== undefined;
  useEffect(() => {
    if (warning) stayButton.current?.focus();
  }, [warning]);

  if (!warning) return null;
  const minutes = Math.ceil(remainingMs / 60_000);
  return (
    <div
      className="relais-idle"
      role="alertdialog"
      aria-labelledby="idle-title"
      aria-describedby="idle-text"
    >
      <div className="fr-alert fr-alert--warning relais-idle__panel">
        <h2 id="idle-title" className="fr-alert__title">
          Votre session va bientôt prendre fin
        </h2>
        <p id="idle-text">
          Sans action de votre part, vous serez déconnecté dans{' '}
          {minutes > 1 ? `${minutes} minutes` : 'moins d’une minute'}. Ce que vous avez saisi sera
          conservé et vous sera rendu après votre reconnexion.
        </p>
        <Button
          ref={stayButton}
          className="fr-mt-2w"
          onClick={() => {
            lastActivity.current = Date.now();
            announceActivity(lastActivity.current);
            setRemainingMs(undefined);
          }}
        >
          Rester connecté
        </Button>
      </div>
    </div>
  );
}
