// The page's entry point: loads the theme and mounts the app.
// First, before anything builds a zod schema: see zod-jitless.ts.
import './zod-jitless.js';
import './theme.css';
import './ui/ui.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { startTheme } from './theme/theme.js';

// The theme chosen last (Toggle theme), before the first paint.
startTheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
