import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { type CombinedError, useMutation, useQuery } from 'urql';
import { DateField, displayDate } from '../components/DateField';
import { ErrorState, LoadingState } from '../components/States';
import { graphql } from '../gql';
import type { Clock, SettingsQuery, Weekday } from '../gql/graphql';
import { formatDuration } from '../lib/duration';
import { ORIGIN_LABELS } from '../lib/labels';
import { useSession } from '../lib/session';
import { useDocumentTitle } from '../lib/useDocumentTitle';

// "Configurações" (admins): business hours, holidays, SLA policies, the rating bands and the
// first-message origin rules. Every
// change applies to the history too, recomputed by the server in the background.

const settingsQuery = graphql(`
  query Settings($year: Int!) {
    sectors {
      id
      name
    }
    businessHours {
      timeZone
      recomputation {
        running
        done
        total
      }
      organization {
        week {
          weekday
          intervals {
            start
            end
          }
        }
      }
      sectors {
        sector {
          id
        }
        week {
          weekday
          intervals {
            start
            end
          }
        }
      }
    }
    holidays(year: $year) {
      date
      name
      intervals {
        start
        end
      }
    }
    slaPolicies {
      version
      effectiveFrom
      sector {
        id
      }
      firstResponseSeconds
      nextResponseSeconds
      resolutionSeconds
      clock
    }
    ratingBands {
      label
      upToSeconds
    }
    originRules {
      id
      position
      pattern
      origin
      name
    }
  }
`);

const setOriginRuleMutation = graphql(`
  mutation SetOriginRule($input: SetOriginRuleInput!) {
    setOriginRule(input: $input) {
      id
    }
  }
`);
const removeOriginRuleMutation = graphql(`
  mutation RemoveOriginRule($id: ID!) {
    removeOriginRule(id: $id)
  }
`);

const setBusinessHoursMutation = graphql(`
  mutation SetBusinessHours($input: SetBusinessHoursInput!) {
    setBusinessHours(input: $input) {
      timeZone
    }
  }
`);
const removeSectorBusinessHoursMutation = graphql(`
  mutation RemoveSectorBusinessHours($sectorId: ID!) {
    removeSectorBusinessHours(sectorId: $sectorId) {
      timeZone
    }
  }
`);
const setHolidayMutation = graphql(`
  mutation SetHoliday($input: SetHolidayInput!) {
    setHoliday(input: $input) {
      date
    }
  }
`);
const removeHolidayMutation = graphql(`
  mutation RemoveHoliday($date: String!) {
    removeHoliday(date: $date)
  }
`);
const loadNationalHolidaysMutation = graphql(`
  mutation LoadNationalHolidays($year: Int!) {
    loadNationalHolidays(year: $year) {
      date
    }
  }
`);
const setSlaPolicyMutation = graphql(`
  mutation SetSlaPolicy($input: SetSlaPolicyInput!) {
    setSlaPolicy(input: $input) {
      version
    }
  }
`);
const setRatingBandsMutation = graphql(`
  mutation SetRatingBands($bands: [RatingBandInput!]) {
    setRatingBands(bands: $bands) {
      label
    }
  }
`);

const WEEKDAYS: { day: Weekday; label: string }[] = [
  { day: 'MONDAY' as Weekday, label: 'Segunda' },
  { day: 'TUESDAY' as Weekday, label: 'Terça' },
  { day: 'WEDNESDAY' as Weekday, label: 'Quarta' },
  { day: 'THURSDAY' as Weekday, label: 'Quinta' },
  { day: 'FRIDAY' as Weekday, label: 'Sexta' },
  { day: 'SATURDAY' as Weekday, label: 'Sábado' },
  { day: 'SUNDAY' as Weekday, label: 'Domingo' },
];

type Intervals = { start: string; end: string }[];

/** "08:00-12:00, 13:00-18:00" ⇄ intervals; empty is closed. */
const intervalsText = (intervals: Intervals) => intervals.map((i) => `${i.start}-${i.end}`).join(', ');
function parseIntervals(text: string): Intervals | string {
  const parts = text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean);
  const intervals: Intervals = [];
  for (const part of parts) {
    const match = /^(\d{1,2}):?(\d{2})\s*[-–a]\s*(\d{1,2}):?(\d{2})$/.exec(part);
    if (!match) return `"${part}" não é um intervalo (use 08:00-12:00)`;
    const pad = (h: string | undefined, m: string | undefined) => `${(h ?? '').padStart(2, '0')}:${m ?? ''}`;
    intervals.push({ start: pad(match[1], match[2]), end: pad(match[3], match[4]) });
  }
  return intervals;
}

const minutes = (seconds: number | null | undefined) => (seconds == null ? '' : String(seconds / 60));
const seconds = (text: string) => (text.trim() === '' ? null : Number(text.replace(',', '.')) * 60);

const ORGANIZATION = '';

/** What a failed save says, in the server's words when it gave some; null when it worked. */
const saveError = (result: { error?: CombinedError }) =>
  result.error ? (result.error.graphQLErrors[0]?.message ?? 'Não foi possível salvar.') : null;

export function SettingsPage() {
  useDocumentTitle('Configurações');
  const { role } = useSession();
  const year = new Date().getFullYear();
  const [result, reexecute] = useQuery({ query: settingsQuery, variables: { year } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });

  if (role !== 'ADMIN') {
    return (
      <div className="page">
        <h1>Configurações</h1>
        <p className="muted">Só administradores alteram as configurações.</p>
      </div>
    );
  }
  const data = result.data;
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Configurações</h1>
          <p className="page-subtitle">
            Horário comercial, feriados, metas de SLA, faixas de avaliação e regras de origem. Mudanças valem
            também para o histórico, recalculado em segundo plano.
          </p>
        </div>
      </div>
      {result.error && !data ? (
        <ErrorState error={result.error} onRetry={refresh} />
      ) : !data ? (
        <LoadingState label="Carregando configurações…" rows={4} />
      ) : (
        <div className="settings-grid">
          {data.businessHours.recomputation.running ? (
            <p className="muted" role="status">
              Recalculando o histórico: {data.businessHours.recomputation.done} de{' '}
              {data.businessHours.recomputation.total} amostras…
            </p>
          ) : null}
          <BusinessHoursForm data={data} onSaved={refresh} />
          <HolidaysForm data={data} year={year} onSaved={refresh} />
          <SlaPolicyForm data={data} onSaved={refresh} />
          <RatingBandsForm data={data} onSaved={refresh} />
          <OriginRulesForm data={data} onSaved={refresh} />
        </div>
      )}
    </div>
  );
}

type SettingsData = SettingsQuery;
type Props = { data: SettingsData; onSaved: () => void };

function ScopeSelect({
  value,
  onChange,
  sectors,
}: {
  value: string;
  onChange: (v: string) => void;
  sectors: SettingsData['sectors'];
}) {
  const id = useId();
  return (
    <div className="settings-row">
      <label htmlFor={id}>Aplica-se a</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value={ORGANIZATION}>Toda a organização (padrão)</option>
        {sectors.map((sector) => (
          <option key={sector.id} value={sector.id}>
            Setor {sector.name ?? 'sem nome'}
          </option>
        ))}
      </select>
    </div>
  );
}

function Saved({ error, saved }: { error: string | null; saved: boolean }) {
  if (error)
    return (
      <span className="error-text" role="alert">
        {error}
      </span>
    );
  return saved ? (
    <span className="success-text" role="status">
      Salvo.
    </span>
  ) : null;
}

function BusinessHoursForm({ data, onSaved }: Props) {
  const [scope, setScope] = useState(ORGANIZATION);
  const own = data.businessHours.sectors.find((s) => s.sector?.id === scope);
  const week = scope === ORGANIZATION ? data.businessHours.organization.week : (own?.week ?? null);
  const initial = useMemo(
    () =>
      Object.fromEntries(
        WEEKDAYS.map(({ day }) => [
          day,
          intervalsText(week?.find((d) => d.weekday === day)?.intervals ?? []),
        ]),
      ) as Record<Weekday, string>,
    [week],
  );
  const [texts, setTexts] = useState(initial);
  useEffect(() => setTexts(initial), [initial]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [{ fetching }, save] = useMutation(setBusinessHoursMutation);
  const [, remove] = useMutation(removeSectorBusinessHoursMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const days = [];
    for (const { day, label } of WEEKDAYS) {
      const parsed = parseIntervals(texts[day] ?? '');
      if (typeof parsed === 'string') return setError(`${label}: ${parsed}.`);
      if (parsed.length > 0) days.push({ weekday: day, intervals: parsed });
    }
    const result = await save({ input: { week: days, ...(scope ? { sectorId: scope } : {}) } });
    setError(saveError(result));
    if (!result.error) {
      setSaved(true);
      onSaved();
    }
  };

  return (
    <section className="panel" aria-labelledby="hours-title">
      <header className="panel-header">
        <h2 id="hours-title">Horário comercial</h2>
        <span className="muted">Fuso: {data.businessHours.timeZone}</span>
      </header>
      <form onSubmit={submit} data-testid="business-hours-form">
        <ScopeSelect value={scope} onChange={setScope} sectors={data.sectors} />
        {scope !== ORGANIZATION && !own ? (
          <p className="muted">Este setor segue o horário da organização até ganhar um horário próprio.</p>
        ) : null}
        {WEEKDAYS.map(({ day, label }) => (
          <div className="settings-row" key={day}>
            <label htmlFor={`hours-${day}`}>{label}</label>
            <input
              id={`hours-${day}`}
              type="text"
              value={texts[day] ?? ''}
              placeholder="Fechado"
              onChange={(event) => setTexts({ ...texts, [day]: event.target.value })}
            />
          </div>
        ))}
        <p className="muted">
          Intervalos separados por vírgula, por exemplo 08:00-12:00, 13:00-18:00. Vazio: fechado.
        </p>
        <div className="settings-actions">
          <button type="submit" className="button button-primary" disabled={fetching}>
            Salvar horário
          </button>
          {scope !== ORGANIZATION && own ? (
            <button
              type="button"
              className="button"
              onClick={async () => {
                await remove({ sectorId: scope });
                onSaved();
              }}
            >
              Usar o horário da organização
            </button>
          ) : null}
          <Saved error={error} saved={saved} />
        </div>
      </form>
    </section>
  );
}

function HolidaysForm({ data, year, onSaved }: Props & { year: number }) {
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [, setHoliday] = useMutation(setHolidayMutation);
  const [, removeHoliday] = useMutation(removeHolidayMutation);
  const [{ fetching: loading }, loadNational] = useMutation(loadNationalHolidaysMutation);
  const dateId = useId();
  const nameId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await setHoliday({ input: { date, name } });
    setError(saveError(result));
    if (!result.error) {
      setDate('');
      setName('');
      onSaved();
    }
  };

  return (
    <section className="panel" aria-labelledby="holidays-title">
      <header className="panel-header">
        <h2 id="holidays-title">Feriados de {year}</h2>
        <button
          type="button"
          className="button button-small"
          disabled={loading}
          onClick={async () => {
            await loadNational({ year });
            onSaved();
          }}
        >
          Carregar feriados nacionais
        </button>
      </header>
      {data.holidays.length === 0 ? (
        <p className="muted">Nenhum feriado neste ano.</p>
      ) : (
        <ul className="settings-list" data-testid="holidays">
          {data.holidays.map((holiday) => (
            <li key={holiday.date}>
              <span>
                <strong>{displayDate(holiday.date)}</strong> {holiday.name}
                {holiday.intervals.length > 0
                  ? ` (aberto ${intervalsText(holiday.intervals)})`
                  : ' (fechado)'}
              </span>
              <button
                type="button"
                className="link-button"
                aria-label={`Remover ${holiday.name}`}
                onClick={async () => {
                  await removeHoliday({ date: holiday.date });
                  onSaved();
                }}
              >
                Remover
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="settings-actions">
        <DateField id={dateId} label="Data" hideLabel value={date} required onChange={setDate} />
        <label htmlFor={nameId} className="visually-hidden">
          Nome do feriado
        </label>
        <input
          id={nameId}
          type="text"
          value={name}
          required
          placeholder="Nome do feriado"
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button">
          Adicionar feriado
        </button>
        <Saved error={error} saved={false} />
      </form>
    </section>
  );
}

function OriginRulesForm({ data, onSaved }: Props) {
  const [pattern, setPattern] = useState('');
  const [origin, setOrigin] = useState<'WEBSITE' | 'OTHER'>('WEBSITE');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [, setRule] = useMutation(setOriginRuleMutation);
  const [, removeRule] = useMutation(removeOriginRuleMutation);
  const ids = { pattern: useId(), origin: useId(), name: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await setRule({ input: { pattern, origin, name: name || null } });
    setError(saveError(result));
    if (!result.error) {
      setPattern('');
      setName('');
      onSaved();
    }
  };

  return (
    <section className="panel" aria-labelledby="origin-rules-title">
      <header className="panel-header">
        <h2 id="origin-rules-title">Regras de origem</h2>
      </header>
      <p className="muted">
        A primeira mensagem do cliente em cada atendimento decide a origem: anúncio quando chega com os dados
        do anúncio; senão, a primeira regra cujo texto ela contém (sem diferenciar maiúsculas); senão, direto.
      </p>
      {data.originRules.length === 0 ? (
        <p className="muted">Nenhuma regra.</p>
      ) : (
        <ol className="settings-list" data-testid="origin-rules">
          {data.originRules.map((rule) => (
            <li key={rule.id}>
              <span>
                “{rule.pattern}” → <strong>{ORIGIN_LABELS[rule.origin]}</strong>
                {rule.name ? ` · ${rule.name}` : ''}
              </span>
              <button
                type="button"
                className="link-button"
                aria-label={`Remover a regra “${rule.pattern}”`}
                onClick={async () => {
                  await removeRule({ id: rule.id });
                  onSaved();
                }}
              >
                Remover
              </button>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={submit} className="settings-actions">
        <label htmlFor={ids.pattern} className="visually-hidden">
          Texto da primeira mensagem
        </label>
        <input
          id={ids.pattern}
          type="text"
          value={pattern}
          required
          maxLength={200}
          placeholder="Texto, ex.: vim pelo site"
          onChange={(event) => setPattern(event.target.value)}
        />
        <label htmlFor={ids.origin} className="visually-hidden">
          Origem
        </label>
        <select
          id={ids.origin}
          value={origin}
          onChange={(event) => setOrigin(event.target.value as 'WEBSITE' | 'OTHER')}
        >
          <option value="WEBSITE">{ORIGIN_LABELS.WEBSITE}</option>
          <option value="OTHER">{ORIGIN_LABELS.OTHER}</option>
        </select>
        <label htmlFor={ids.name} className="visually-hidden">
          Nome da origem
        </label>
        <input
          id={ids.name}
          type="text"
          value={name}
          maxLength={120}
          placeholder="Nome, ex.: Instagram"
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button">
          Adicionar regra
        </button>
        <Saved error={error} saved={false} />
      </form>
    </section>
  );
}

function SlaPolicyForm({ data, onSaved }: Props) {
  const [scope, setScope] = useState(ORGANIZATION);
  const current = data.slaPolicies.find((p) => (p.sector?.id ?? ORGANIZATION) === scope) ?? null;
  const [first, setFirst] = useState('');
  const [next, setNext] = useState('');
  const [resolution, setResolution] = useState('');
  const [clock, setClock] = useState<Clock>('CALENDAR' as Clock);
  useEffect(() => {
    setFirst(minutes(current?.firstResponseSeconds));
    setNext(minutes(current?.nextResponseSeconds));
    setResolution(minutes(current?.resolutionSeconds));
    setClock((current?.clock ?? 'CALENDAR') as Clock);
  }, [current]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [{ fetching }, save] = useMutation(setSlaPolicyMutation);
  const ids = { first: useId(), next: useId(), resolution: useId(), clock: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const result = await save({
      input: {
        ...(scope ? { sectorId: scope } : {}),
        firstResponseSeconds: seconds(first),
        nextResponseSeconds: seconds(next),
        resolutionSeconds: seconds(resolution),
        clock,
      },
    });
    setError(saveError(result));
    if (!result.error) {
      setSaved(true);
      onSaved();
    }
  };
  const target = (id: string, label: string, value: string, set: (v: string) => void, hint: string) => (
    <div className="settings-row">
      <label htmlFor={id} title={hint}>
        {label}
      </label>
      <input
        id={id}
        type="number"
        min="0"
        step="any"
        inputMode="decimal"
        value={value}
        placeholder="Sem meta"
        onChange={(event) => set(event.target.value)}
        aria-describedby={`${id}-unit`}
      />
      <span id={`${id}-unit`} className="visually-hidden">
        minutos
      </span>
    </div>
  );

  return (
    <section className="panel" aria-labelledby="sla-settings-title">
      <header className="panel-header">
        <h2 id="sla-settings-title">Metas de SLA</h2>
        {current ? (
          <span className="muted">
            Versão {current.version}, desde {new Date(current.effectiveFrom).toLocaleString('pt-BR')}
          </span>
        ) : (
          <span className="muted">Sem política</span>
        )}
      </header>
      <form onSubmit={submit} data-testid="sla-form">
        <ScopeSelect value={scope} onChange={setScope} sectors={data.sectors} />
        {target(
          ids.first,
          '1ª resposta (min)',
          first,
          setFirst,
          'Da primeira mensagem do cliente à primeira resposta',
        )}
        {target(
          ids.next,
          'Demais respostas (min)',
          next,
          setNext,
          'Enquanto um cliente espera, depois da primeira resposta',
        )}
        {target(
          ids.resolution,
          'Resolução (min)',
          resolution,
          setResolution,
          'Do início do atendimento ao encerramento',
        )}
        <div className="settings-row">
          <label htmlFor={ids.clock}>Contar</label>
          <select id={ids.clock} value={clock} onChange={(event) => setClock(event.target.value as Clock)}>
            <option value="CALENDAR">Tempo corrido</option>
            <option value="BUSINESS">Só o horário comercial</option>
          </select>
        </div>
        <p className="muted">
          Em risco a partir de 75 % da meta; estourado em 100 %. Salvar cria uma nova versão: o passado segue
          a versão em vigor quando cada espera começou.
        </p>
        <div className="settings-actions">
          <button type="submit" className="button button-primary" disabled={fetching}>
            Salvar metas
          </button>
          <Saved error={error} saved={saved} />
        </div>
      </form>
    </section>
  );
}

function RatingBandsForm({ data, onSaved }: Props) {
  const [bands, setBands] = useState(() =>
    data.ratingBands.map((b) => ({
      label: b.label,
      upTo: b.upToSeconds == null ? '' : String(b.upToSeconds),
    })),
  );
  useEffect(
    () =>
      setBands(
        data.ratingBands.map((b) => ({
          label: b.label,
          upTo: b.upToSeconds == null ? '' : String(b.upToSeconds),
        })),
      ),
    [data.ratingBands],
  );
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [{ fetching }, save] = useMutation(setRatingBandsMutation);

  const submit = async (reset: boolean) => {
    setSaved(false);
    const result = await save({
      bands: reset
        ? null
        : bands.map((band, index) => ({
            label: band.label,
            upToSeconds: index === bands.length - 1 || band.upTo.trim() === '' ? null : Number(band.upTo),
          })),
    });
    setError(saveError(result));
    if (!result.error) {
      setSaved(true);
      onSaved();
    }
  };

  return (
    <section className="panel" aria-labelledby="bands-title">
      <header className="panel-header">
        <h2 id="bands-title">Faixas de avaliação do tempo de resposta</h2>
      </header>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit(false);
        }}
        data-testid="bands-form"
      >
        {bands.map((band, index) => {
          const last = index === bands.length - 1;
          return (
            <div className="settings-row" key={`band-${index}-${bands.length}`}>
              <input
                type="text"
                aria-label={`Nome da faixa ${index + 1}`}
                value={band.label}
                onChange={(event) =>
                  setBands(bands.map((b, i) => (i === index ? { ...b, label: event.target.value } : b)))
                }
              />
              {last ? (
                <span className="muted">acima da faixa anterior</span>
              ) : (
                <span>
                  até{' '}
                  <input
                    type="number"
                    min="1"
                    aria-label={`Limite da faixa ${index + 1}, em segundos`}
                    value={band.upTo}
                    onChange={(event) =>
                      setBands(bands.map((b, i) => (i === index ? { ...b, upTo: event.target.value } : b)))
                    }
                    style={{ width: '7rem' }}
                  />{' '}
                  s {band.upTo ? <span className="muted">({formatDuration(Number(band.upTo))})</span> : null}
                </span>
              )}
            </div>
          );
        })}
        <div className="settings-actions">
          <button
            type="button"
            className="button button-small"
            disabled={bands.length >= 8}
            onClick={() =>
              setBands([...bands.slice(0, -1), { label: 'Nova faixa', upTo: '' }, ...bands.slice(-1)])
            }
          >
            Adicionar faixa
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={bands.length <= 2}
            onClick={() => setBands([...bands.slice(0, -2), ...bands.slice(-1)])}
          >
            Remover faixa
          </button>
          <button type="submit" className="button button-primary" disabled={fetching}>
            Salvar faixas
          </button>
          <button type="button" className="button" onClick={() => void submit(true)}>
            Restaurar padrão
          </button>
          <Saved error={error} saved={saved} />
        </div>
      </form>
    </section>
  );
}
