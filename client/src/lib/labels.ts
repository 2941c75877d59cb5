import type { ConversationStatus, OriginKind } from '../gql/graphql';

export const OPEN_STATUSES = [
  'BOT',
  'QUEUED',
  'WAITING',
  'IN_PROGRESS',
] as const satisfies readonly ConversationStatus[];

export const STATUS_LABELS: Record<ConversationStatus, string> = {
  BOT: 'Bot',
  QUEUED: 'Na fila',
  WAITING: 'Aguardando',
  IN_PROGRESS: 'Em atendimento',
  CLOSED: 'Encerrada',
};

export const STATUS_ORDER: ConversationStatus[] = ['BOT', 'QUEUED', 'WAITING', 'IN_PROGRESS', 'CLOSED'];

export function isOpenStatus(status: ConversationStatus): boolean {
  return (OPEN_STATUSES as readonly ConversationStatus[]).includes(status);
}

export const WEEKDAY_SHORT = ['Seg', 'Ter', 'Qua', 'Qui', 'Sex', 'Sáb', 'Dom'] as const;
export const WEEKDAY_LONG = [
  'segunda-feira',
  'terça-feira',
  'quarta-feira',
  'quinta-feira',
  'sexta-feira',
  'sábado',
  'domingo',
] as const;

const MESSAGE_TYPE_LABELS: Record<string, string> = {
  IMAGE: 'Imagem',
  AUDIO: 'Áudio',
  VOICE: 'Áudio',
  PTT: 'Áudio',
  VIDEO: 'Vídeo',
  DOCUMENT: 'Documento',
  FILE: 'Arquivo',
  STICKER: 'Figurinha',
  LOCATION: 'Localização',
  CONTACT: 'Contato',
  CONTACTS: 'Contato',
};

export function messageTypeLabel(type: string): string {
  return MESSAGE_TYPE_LABELS[type.toUpperCase()] ?? 'Anexo';
}

export const ORIGIN_LABELS: Record<OriginKind, string> = {
  AD: 'Anúncio',
  WEBSITE: 'Site',
  OTHER: 'Outra',
  DIRECT: 'Direto',
};

export const ORIGIN_ORDER: OriginKind[] = ['AD', 'WEBSITE', 'OTHER', 'DIRECT'];

/** "Anúncio · Promo de março", or just "Direto". */
export function originLabel(origin: { kind: OriginKind; name?: string | null }): string {
  return origin.name ? `${ORIGIN_LABELS[origin.kind]} · ${origin.name}` : ORIGIN_LABELS[origin.kind];
}
