import { Pill } from '@mantine/core';

/**
 * A chosen value of a multi-select as a pill whose remove button is a named, focusable button.
 * Mantine hides that button from assistive technology by default; use this in `renderPill`.
 */
export function RemovablePill({ label, removeLabel, onRemove }: { label: string; removeLabel: string; onRemove?: () => void }) {
  return (
    <Pill withRemoveButton onRemove={onRemove} removeButtonProps={{ 'aria-hidden': false, tabIndex: 0, 'aria-label': removeLabel }}>
      {label}
    </Pill>
  );
}
