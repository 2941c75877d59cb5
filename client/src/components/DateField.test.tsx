import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DateField, parseDisplayDate } from './DateField';

function Harness({ onChange, min }: { onChange(iso: string): void; min?: string }) {
  const [value, setValue] = useState('2026-03-01');
  return (
    <DateField
      label="Data inicial"
      value={value}
      min={min}
      onChange={(iso) => {
        setValue(iso);
        onChange(iso);
      }}
    />
  );
}

describe('DateField', () => {
  afterEach(cleanup);

  it('shows and takes dd/mm/aaaa whatever the browser language, and sends yyyy-mm-dd', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const input = screen.getByLabelText('Data inicial') as HTMLInputElement;
    expect(input.value).toBe('01/03/2026');
    fireEvent.change(input, { target: { value: '1503' } });
    expect(input.value).toBe('15/03');
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: '15032026' } });
    expect(input.value).toBe('15/03/2026');
    expect(onChange).toHaveBeenLastCalledWith('2026-03-15');
  });

  it('says why a date is refused, and sends nothing', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} min="2026-03-01" />);
    const input = screen.getByLabelText('Data inicial');
    fireEvent.change(input, { target: { value: '31/02/2026' } });
    expect(screen.getByRole('alert').textContent).toBe('Data inexistente');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(input, { target: { value: '28/02/2026' } });
    expect(screen.getByRole('alert').textContent).toBe('A partir de 01/03/2026');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('keeps what was typed while its own date comes back late, and takes a date from outside', () => {
    const onChange = vi.fn();
    const { rerender } = render(<DateField label="Data" value="" onChange={onChange} />);
    const input = screen.getByLabelText('Data') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '03032026' } });
    // A render before the URL has the new date (a router's transition), then its echo.
    rerender(<DateField label="Data" value="" onChange={onChange} />);
    expect(input.value).toBe('03/03/2026');
    rerender(<DateField label="Data" value="2026-03-03" onChange={onChange} />);
    expect(input.value).toBe('03/03/2026');
    rerender(<DateField label="Data" value="2026-04-01" onChange={onChange} />);
    expect(input.value).toBe('01/04/2026');
    rerender(<DateField label="Data" value="2026-03-03" onChange={onChange} />);
    expect(input.value).toBe('03/03/2026');
  });

  it('parses only real dates', () => {
    expect(parseDisplayDate('29/02/2028')).toEqual({ iso: '2028-02-29' });
    expect(parseDisplayDate('29/02/2026')).toEqual({ error: 'Data inexistente' });
    expect(parseDisplayDate('2026-02-01')).toEqual({ error: 'Use dd/mm/aaaa' });
  });
});
