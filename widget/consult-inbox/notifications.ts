// How the console tells a lawyer about applicants' messages while its tab is hidden: a count in
// the tab's title, and a system notification once the lawyer allowed them.

/** "(3) Console": the count of messages that arrived while the tab was hidden. */
export class TitleBadge {
  count = 0;
  private base = document.title;

  set(n: number): void {
    if (this.count === 0) this.base = document.title;
    this.count = n;
    document.title = n ? `(${n}) ${this.base}` : this.base;
  }
}

/** Shows a notification; a click focuses the tab and runs `onClick`. */
export function notify(title: string, body: string, tag: string, onClick: () => void): void {
  try {
    const n = new Notification(title, {body, tag});
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker; the title badge remains.
  }
}

/** A message arrived: while the tab is hidden, one more in the title, and `show` the notification if allowed. */
export function alertIfHidden(badge: TitleBadge, allowed: boolean, show: () => void): void {
  if (document.visibilityState !== 'hidden') return;
  badge.set(badge.count + 1);
  if (allowed) show();
}
