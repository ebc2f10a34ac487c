/// <reference types="vite-plugin-pwa/react" />
import { useEffect } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { UpdatePromptView } from './UpdatePromptView.tsx';

const HOUR = 60 * 60 * 1000;

/**
 * Registers the service worker (precached app shell: the app starts offline after one visit) and
 * offers a waiting new version. It is only activated when the user clicks "Muat ulang": a reload
 * in the middle of typing a form is never forced (figures are autosaved anyway).
 */
export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      // Look for a new version now and then, but only when a network is there to ask.
      setInterval(() => {
        if (navigator.onLine && !registration.installing) void registration.update().catch(() => undefined);
      }, HOUR);
    },
  });
  // "Ready offline" is good news, not a task: it goes away by itself. The update prompt never does.
  useEffect(() => {
    if (!offlineReady) return;
    const timer = setTimeout(() => setOfflineReady(false), 10_000);
    return () => clearTimeout(timer);
  }, [offlineReady, setOfflineReady]);
  return (
    <UpdatePromptView
      needRefresh={needRefresh}
      offlineReady={offlineReady}
      onReload={() => void updateServiceWorker(true)}
      onLater={() => setNeedRefresh(false)}
      onDismissOfflineReady={() => setOfflineReady(false)}
    />
  );
}
