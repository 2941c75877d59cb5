import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/** A cell: text, a number (seconds, counts), a yes/no, or a local date and time (see `wallClock`). */
export type Cell = string | number | boolean | Date | null;

export interface Column {
  /** Header of the plain CSV (stable, for integrators). */
  key: string;
  /** Header of the pt-BR CSV and of the workbook (for people). */
  label: string;
  kind: 'text' | 'number' | 'boolean' | 'datetime';
}

export type TableFormat = 'csv' | 'excel-br' | 'xlsx';

export const contentTypes: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  'excel-br': 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Writes to a stream, waiting whenever it asks to (memory stays flat whatever the size). */
async function put(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) {
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        out.off('drain', done);
        out.off('close', closed);
        error ? reject(error) : resolve();
      };
      const closed = () => done(new Error('the client went away'));
      out.once('drain', done);
      out.once('close', closed);
    });
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

function csvCell(value: Cell, column: Column, brazil: boolean): string {
  if (value === null) return '';
  let text: string;
  if (value instanceof Date) {
    const [y, m, d] = [value.getUTCFullYear(), pad(value.getUTCMonth() + 1), pad(value.getUTCDate())];
    const time = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
    text = brazil ? `${d}/${m}/${y} ${time}` : `${y}-${m}-${d} ${time}`;
  } else if (typeof value === 'boolean') text = brazil ? (value ? 'Sim' : 'Não') : String(value);
  else if (typeof value === 'number') {
    text = String(Math.round(value * 1000) / 1000);
    if (brazil) text = text.replace('.', ',');
  } else {
    text = value;
    // A customer's name is not a formula: a spreadsheet must not run what a cell starts with.
    if (column.kind === 'text' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  }
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Streams rows as CSV (RFC 4180: commas, CRLF, dates `aaaa-mm-dd hh:mm:ss`), as CSV for Excel
 * in Portuguese (`excel-br`: a BOM, semicolons, decimal commas, `dd/mm/aaaa`, Sim/Não, pt-BR
 * headers), or as an XLSX workbook written row by row.
 */
export async function writeTable(
  out: Writable,
  format: TableFormat,
  sheet: string,
  columns: readonly Column[],
  rows: AsyncIterable<Cell[]>,
): Promise<void> {
  if (format === 'xlsx') return writeWorkbook(out, sheet, columns, rows);
  const brazil = format === 'excel-br';
  const separator = brazil ? ';' : ',';
  const header = columns.map((column) => csvCell(brazil ? column.label : column.key, column, brazil));
  let buffer = `${brazil ? '\uFEFF' : ''}${header.join(separator)}\r\n`;
  for await (const row of rows) {
    buffer += `${row.map((value, index) => csvCell(value, columns[index] as Column, brazil)).join(separator)}\r\n`;
    if (buffer.length > 64 * 1024) {
      await put(out, buffer);
      buffer = '';
    }
  }
  await put(out, buffer);
  out.end();
}

async function writeWorkbook(
  out: Writable,
  sheet: string,
  columns: readonly Column[],
  rows: AsyncIterable<Cell[]>,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const worksheet = workbook.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = columns.map((column) => ({
    header: column.label,
    key: column.key,
    width: column.kind === 'datetime' ? 20 : Math.max(12, Math.min(40, column.label.length + 4)),
    style:
      column.kind === 'datetime'
        ? { numFmt: 'dd/mm/yyyy hh:mm:ss' }
        : column.kind === 'number'
          ? { numFmt: '0.###' }
          : {},
  }));
  worksheet.getRow(1).font = { bold: true };
  worksheet.getRow(1).commit();
  for await (const row of rows) {
    worksheet
      .addRow(row.map((value) => (typeof value === 'boolean' ? (value ? 'Sim' : 'Não') : value)))
      .commit();
  }
  worksheet.commit();
  await workbook.commit();
}
