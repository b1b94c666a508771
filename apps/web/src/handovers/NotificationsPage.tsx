import { usePageTitle } from '../components/usePageTitle';

export function NotificationsPage() {
  usePageTitle('Notifications');
  return <h1>Notifications</h1>;
}
