import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { ApiError } from './api/client';
import { I18nProvider } from './i18n';
import { sessionKey } from './lib/session';
import { AppRoutes } from './routes';
import './styles.css';

// A 401 anywhere means the session ended: forget it, and the router sends the user to sign in.
const onError = (error: unknown) => {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(sessionKey, null);
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntApp>
          <BrowserRouter basename="/admin">
            <AppRoutes />
          </BrowserRouter>
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
