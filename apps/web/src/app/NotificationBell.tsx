import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { createPortal } from 'react-dom';
import { Link } from 'react-router';
import { useRealtime } from '../realtime/RealtimeProvider';

/**
 * The bell: the unread count, live, and a link to the list. Its accessible name is its visible
 * text ("Notifications 3") followed by what the number counts, said to screen readers only.
 */
export function NotificationBell({ compact = false }: { compact?: boolean }) {
  const { unreadCount } = useRealtime();
  const suffix = compact ? '-mobile' : '';
  return (
    <Link
      to="/notifications"
      className={`fr-btn fr-icon-notification-3-line fr-btn--icon-left relais-bell${compact ? ' relais-bell--compact' : ''}`}
      data-testid={`notification-bell${suffix}`}
    >
      <span className={compact ? 'fr-sr-only' : undefined}>Notifications</span>{' '}
      {unreadCount === undefined ? null : (
        <>
          <Badge
            as="span"
            severity={unreadCount > 0 ? 'new' : undefined}
            small
            noIcon
            className="relais-bell__count"
            data-testid={`unread-count${suffix}`}
          >
            {unreadCount}
          </Badge>{' '}
          <span className="fr-sr-only">{unreadCount > 1 ? 'non lues' : 'non lue'}</span>
        </>
      )}
    </Link>
  );
}

/**
 * On a narrow screen the header folds its tools into the menu: the bell also stands beside the
 * menu button (the header's navigation bar, which only narrow screens show), always in sight.
 */
export function NarrowScreenBell({ header }: { header: HTMLElement | null }) {
  const navbar = header?.querySelector('.fr-header__navbar');
  return navbar ? createPortal(<NotificationBell compact />, navbar) : null;
}
