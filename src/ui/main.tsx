// First: configures zod before any schema parses (see the module).
import './zodConfig.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './common/styles.css';
import { App } from './app/App.tsx';
import { preloadScreensAfterLoad } from './app/routesPreload.ts';
import { UpdatePrompt } from './pwa/UpdatePrompt.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App extras={<UpdatePrompt />} />
  </StrictMode>,
);
// The other screens' chunks, fetched in idle time from the page's load on (app/routesPreload.ts).
preloadScreensAfterLoad();
