import { Icon } from './Icon';

export function TagList({ tags }: { tags: ReadonlyArray<{ id: string; name?: string | null }> }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tag-list" aria-label="Etiquetas">
      {tags.map((tag) => (
        <li key={tag.id} className="tag">
          <Icon name="tag" size={11} />
          {tag.name ?? 'Etiqueta'}
        </li>
      ))}
    </ul>
  );
}
