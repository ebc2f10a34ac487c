// First: configures zod before any schema parses (see the module).
import './zodConfig.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './common/styles.css';
import { loadSetup } from '../db/index.ts';
import { App } from './app/App.tsx';
import { appDb } from './common/db.ts';
import { preloadScreensAfterLoad } from './app/routesPreload.ts';
import { UpdatePrompt } from './pwa/UpdatePrompt.tsx';

// The database opens, and the setup is read and checked (once per save: setupStore.ts), while
// React renders the shell; the screens' live queries then find both ready.
void loadSetup(appDb()).catch(() => undefined);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App extras={<UpdatePrompt />} />
  </StrictMode>,
);
// The other screens' chunks, fetched in idle time from the page's load on (app/routesPreload.ts).
preloadScreensAfterLoad();
