import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { Icon, type IconName } from './Icon';

const SKELETON_KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

export function LoadingState({ label = 'Carregando…', rows = 3 }: { label?: string; rows?: number }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      {SKELETON_KEYS.slice(0, rows).map((key) => (
        <div key={key} className="skeleton" aria-hidden="true" />
      ))}
    </div>
  );
}

export function EmptyState({
  title,
  children,
  icon = 'inbox',
  testId,
}: {
  title: string;
  children?: ReactNode;
  icon?: IconName;
  testId?: string;
}) {
  return (
    <div className="state state-empty" data-testid={testId}>
      <span className="state-icon">
        <Icon name={icon} size={22} />
      </span>
      <p className="state-title">{title}</p>
      {children ? <div className="state-body">{children}</div> : null}
    </div>
  );
}

export function ErrorState({
  error,
  title = 'Não foi possível carregar os dados',
  onRetry,
}: {
  error?: CombinedError | Error | null;
  title?: string;
  onRetry?: () => void;
}) {
  return (
    <div className="state state-error" role="alert">
      <span className="state-icon">
        <Icon name="alert" size={22} />
      </span>
      <p className="state-title">{title}</p>
      <p className="state-body">{describeError(error)}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          <Icon name="refresh" /> Tentar de novo
        </button>
      ) : null}
    </div>
  );
}

export function describeError(error: CombinedError | Error | null | undefined): string {
  if (!error) return 'Tente novamente em instantes.';
  if ('networkError' in error && error.networkError) {
    return 'O servidor não respondeu. Verifique a conexão e tente de novo.';
  }
  if ('graphQLErrors' in error && error.graphQLErrors.length > 0) {
    const code = error.graphQLErrors[0]?.extensions?.code;
    if (code === 'FORBIDDEN') return 'Seu token não tem permissão para ver estes dados.';
    if (code === 'NOT_FOUND') return 'Não encontrado.';
    if (code === 'BAD_USER_INPUT') return 'Os filtros informados não são válidos.';
    if (code === 'DATABASE_UNAVAILABLE') {
      return 'O banco de dados do Radar está indisponível no momento. As mensagens do Umbler continuam guardadas; tente de novo em instantes.';
    }
    return error.graphQLErrors[0]?.message ?? 'Erro inesperado.';
  }
  return error.message;
}
