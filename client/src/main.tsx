import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/app.css';
import { I18nProvider } from './common/i18n/core';
import { SessionProvider } from './common/sdk/session';
import { FlashProvider } from './common/ui/Flash';
import { messages } from './i18n';
import { ChatProvider } from './pages/chat/ChatProvider';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider messages={messages}>
      <SessionProvider>
        <FlashProvider>
          <ChatProvider>
            <App />
          </ChatProvider>
        </FlashProvider>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
