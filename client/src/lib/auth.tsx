import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

export const TOKEN_STORAGE_KEY = 'radar.token';

interface Auth {
  token: string | null;
  /** Why the last session ended without the user asking, shown on the login page. */
  notice: string | null;
  /** True after the user chose "Sair" (as opposed to an expired session). */
  signedOut: boolean;
  login(token: string): void;
  logout(notice?: string): void;
}

const AuthContext = createContext<Auth | null>(null);

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(readToken);
  const [notice, setNotice] = useState<string | null>(null);
  const [signedOut, setSignedOut] = useState(false);

  const login = useCallback((next: string) => {
    try {
      localStorage.setItem(TOKEN_STORAGE_KEY, next);
    } catch {
      // Private mode: the session lasts until the tab closes.
    }
    setNotice(null);
    setSignedOut(false);
    setToken(next);
  }, []);

  const logout = useCallback((reason?: string) => {
    try {
      localStorage.removeItem(TOKEN_STORAGE_KEY);
    } catch {
      // Nothing stored.
    }
    setNotice(reason ?? null);
    setSignedOut(!reason);
    setToken(null);
  }, []);

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === TOKEN_STORAGE_KEY || event.key === null) setToken(readToken());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const value = useMemo(
    () => ({ token, notice, signedOut, login, logout }),
    [token, notice, signedOut, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
