import type { CenterChoice } from '../../../services/centers-service.ts';

/** Centers are chosen by name from a list, never typed as a number. */
export function CenterSelect(props: {
  centers: readonly CenterChoice[];
  selected: number | null;
  label: string;
  none?: string;
  name?: string;
}) {
  return (
    <select name={props.name ?? 'centerId'} aria-label={props.label}>
      {props.none !== undefined && (
        <option value="" selected={props.selected === null}>
          {props.none}
        </option>
      )}
      {props.centers.map((center) => (
        <option value={String(center.id)} selected={center.id === props.selected}>
          {center.name} ({center.city})
        </option>
      ))}
    </select>
  );
}

/** A center's name for a page; a center that is gone (or none) shows as a dash. */
export function centerName(centers: readonly CenterChoice[], id: number | null): string {
  return centers.find((center) => center.id === id)?.name ?? '—';
}
