import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../api/client';
import type { Session } from '../api/types';

export const sessionKey = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

/** The signed-in user and their organizations; null when nobody is signed in. */
export const useSession = () =>
  useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 5 * 60_000, retry: false });

/** After sign-in, setup or accepting an invitation: remember the new session. */
export function rememberSession(client: QueryClient, session: Session) {
  setCsrfToken(session.csrfToken);
  client.setQueryData(sessionKey, session);
}
