import { useState } from 'react';
import { useAuth } from '../lib/auth';
import { Icon } from './Icon';

type Format = 'excel-br' | 'xlsx';

const BUTTONS: { format: Format; label: string; title: string; testId: string }[] = [
  {
    format: 'excel-br',
    label: 'CSV',
    title: 'CSV com ponto e vírgula e vírgula decimal: abre certo no Excel em português',
    testId: 'csv',
  },
  { format: 'xlsx', label: 'Excel', title: 'Planilha do Excel (.xlsx)', testId: 'xlsx' },
];

/** The file's name from the answer, as the server chose it. */
function fileNameOf(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

/**
 * Downloads an export (`/api/exports/<table>.csv`) with the session's token: CSV for Excel in
 * Portuguese (semicolons, decimal commas) or an XLSX workbook.
 */
export function ExportButtons({
  table,
  params,
}: {
  table: 'cycles' | 'agents';
  params: Record<string, string>;
}) {
  const { token } = useAuth();
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(format: Format) {
    setBusy(format);
    setError(null);
    try {
      const query = new URLSearchParams(params);
      if (format === 'xlsx') query.set('format', 'xlsx');
      else query.set('dialect', 'excel-br');
      const response = await fetch(`/api/exports/${table}.csv?${query}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? `O servidor respondeu ${response.status}.`);
      }
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileNameOf(response, `radar-${table}.${format === 'xlsx' ? 'xlsx' : 'csv'}`);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <fieldset className="export-buttons" aria-label="Exportar">
      {BUTTONS.map(({ format, label, title, testId }) => (
        <button
          key={format}
          type="button"
          className="button button-small"
          disabled={busy !== null}
          onClick={() => download(format)}
          data-testid={`export-${table}-${testId}`}
          title={title}
        >
          <Icon name="download" size={14} />
          {busy === format ? 'Gerando…' : label}
        </button>
      ))}
      {error ? (
        <p className="export-error" role="alert">
          Não foi possível exportar: {error}
        </p>
      ) : null}
    </fieldset>
  );
}
