import type { SelectHTMLAttributes } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ResolvedGridNode } from './intake-api.ts';

interface GridPickerProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  nodes: ResolvedGridNode[];
  value: string;
  onChange: (code: string) => void;
}

/**
 * The grids of the registry, grouped by town › community, so a phone's native picker shows the
 * tree. Attributes a surrounding Field gives (id, aria-*) reach the select.
 */
export function GridPicker({ nodes, value, onChange, ...attributes }: GridPickerProps) {
  const { t } = useI18n();
  const groups = new Map<string, ResolvedGridNode[]>();
  for (const node of nodes.filter((n) => n.level === 'grid')) {
    const group = node.path.slice(0, -1).join(' › ');
    groups.set(group, [...(groups.get(group) ?? []), node]);
  }
  return (
    <select name="gridCode" {...attributes} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('grid.pickerEmpty')}</option>
      {[...groups].map(([group, grids]) => (
        <optgroup key={group} label={group}>
          {grids.map((grid) => (
            <option key={grid.code} value={grid.code}>
              {grid.path.join(' › ')}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
