import { useId } from 'react';
import { formatMediumDate } from '../lib/format';
import type { Period, PeriodPreset } from '../lib/period';
import { DateField } from './DateField';

const PRESETS: { value: PeriodPreset; label: string }[] = [
  { value: 'today', label: 'Hoje' },
  { value: '7d', label: '7 dias' },
  { value: '30d', label: '30 dias' },
  { value: 'custom', label: 'Personalizado' },
];

export function PeriodPicker({
  period,
  timeZone,
  onPresetChange,
  onCustomChange,
}: {
  period: Period;
  timeZone: string;
  onPresetChange(preset: PeriodPreset): void;
  onCustomChange(range: { from: string; to: string }): void;
}) {
  const fromId = useId();
  const toId = useId();
  const lastInstant = Date.parse(period.to) - 1;
  const first = formatMediumDate(period.from, timeZone);
  const last = formatMediumDate(lastInstant, timeZone);
  return (
    <div className="period-picker">
      <fieldset className="segmented" data-testid="period-picker">
        <legend className="visually-hidden">Período</legend>
        {PRESETS.map(({ value, label }) => (
          <button
            key={value}
            type="button"
            className="segmented-option"
            aria-pressed={period.preset === value}
            onClick={() => onPresetChange(value)}
          >
            {label}
          </button>
        ))}
      </fieldset>
      {period.preset === 'custom' ? (
        <div className="period-custom">
          <div className="field">
            <DateField
              id={fromId}
              label="Data inicial"
              testId="period-from"
              value={period.firstDay}
              max={period.lastDay}
              required
              onChange={(from) => onCustomChange({ from, to: period.lastDay })}
            />
          </div>
          <div className="field">
            <DateField
              id={toId}
              label="Data final"
              testId="period-to"
              value={period.lastDay}
              min={period.firstDay}
              required
              onChange={(to) => onCustomChange({ from: period.firstDay, to })}
            />
          </div>
        </div>
      ) : null}
      <p className="period-range" data-testid="period-range" aria-live="polite">
        {first === last ? first : `${first} – ${last}`}
        <span className="muted"> · {zoneName(timeZone)}</span>
      </p>
    </div>
  );
}

/** The zone as people in Brazil say it: "horário de Brasília" for São Paulo's. */
function zoneName(timeZone: string): string {
  if (timeZone === 'America/Sao_Paulo') return 'horário de Brasília';
  return `fuso ${timeZone}`;
}
