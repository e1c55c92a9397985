import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface Props<T> {
  items: T[];
  rowHeight: number;
  label: string;
  selectedIndex: number;
  onSelect: (item: T, index: number) => void;
  render: (item: T, selected: boolean) => ReactNode;
  itemKey: (item: T) => string;
  onEndReached?: () => void;
  /** The listbox's id, so a filter box can move focus into it (ArrowDown). */
  id?: string;
  /** Keys the list does not handle itself (e.g. a copy shortcut on the selected row). */
  onOtherKey?: (e: KeyboardEvent<HTMLDivElement>, item: T) => void;
}

/** A keyboard-navigable (arrows, Home/End, Enter) virtualised listbox. */
export function VirtualList<T>({ items, rowHeight, label, selectedIndex, onSelect, render, itemKey, onEndReached, id, onOtherKey }: Props<T>) {
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: items.length, getScrollElement: () => parent.current, estimateSize: () => rowHeight, overscan: 8 });
  const virtualItems = v.getVirtualItems();
  const last = virtualItems.at(-1);

  useEffect(() => {
    if (onEndReached && last && last.index >= items.length - 5) onEndReached();
  }, [last, items.length, onEndReached]);

  function onKey(e: KeyboardEvent<HTMLDivElement>) {
    const move = (i: number) => {
      const idx = Math.max(0, Math.min(items.length - 1, i));
      const item = items[idx];
      if (item === undefined) return;
      e.preventDefault();
      onSelect(item, idx);
      v.scrollToIndex(idx);
    };
    if (e.key === 'ArrowDown') move(selectedIndex + 1);
    else if (e.key === 'ArrowUp') move(selectedIndex - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Enter' && selectedIndex < 0) move(0);
    else {
      const current = items[selectedIndex];
      if (current !== undefined) onOtherKey?.(e, current);
    }
  }

  return (
    <div
      ref={parent}
      id={id}
      className="vlist"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      onKeyDown={onKey}
      aria-activedescendant={selectedIndex >= 0 && items[selectedIndex] !== undefined ? `opt-${itemKey(items[selectedIndex])}` : undefined}
    >
      <div style={{ height: v.getTotalSize(), position: 'relative' }}>
        {virtualItems.map((row) => {
          const item = items[row.index];
          if (item === undefined) return null;
          const selected = row.index === selectedIndex;
          return (
            <div
              key={itemKey(item)}
              id={`opt-${itemKey(item)}`}
              role="option"
              aria-selected={selected}
              className={`vlist-row${selected ? ' is-selected' : ''}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: row.size, transform: `translateY(${row.start}px)` }}
              onClick={() => onSelect(item, row.index)}
            >
              {render(item, selected)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
