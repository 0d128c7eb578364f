import type { ReactNode } from 'react';
import { FieldError } from '@common/ui/Form';
import { fieldId } from './paths';
import './resources.css';

/**
 * A list of entries edited in place: each entry a fieldset with a heading, its fields
 * and a remove button; an add button below. `path` is the list's JSON path
 * (`$.rooms`); entry i has the path `$.rooms[i]`, where its own problems are shown.
 */
export function EditableList<T>(props: {
  path: string;
  items: readonly T[];
  itemKey(item: T): string;
  legend(item: T, index: number): string;
  children(item: T, index: number, base: string): ReactNode;
  error(path: string): string | undefined;
  empty: string;
  addLabel: string;
  removeLabel(item: T, index: number): string;
  onAdd(): void;
  onRemove(index: number): void;
  /** Hides the add button, e.g. when the list is full. */
  canAdd?: boolean;
}) {
  const listError = props.error(props.path);
  return (
    <div className="stack" id={fieldId(props.path)} tabIndex={-1}>
      {listError && <FieldError id={`${fieldId(props.path)}-error`} message={listError} />}
      {props.items.length === 0 && <p className="kern-body">{props.empty}</p>}
      {props.items.map((item, index) => {
        const base = `${props.path}[${index}]`;
        const itemError = props.error(base);
        return (
          <fieldset
            className="kern-fieldset resource-item"
            key={props.itemKey(item)}
            id={fieldId(base)}
            tabIndex={-1}
          >
            <legend className="kern-heading-small">{props.legend(item, index)}</legend>
            <div className="kern-fieldset__body">
              {itemError && <FieldError id={`${fieldId(base)}-error`} message={itemError} />}
              {props.children(item, index, base)}
              <div className="actions">
                <button
                  type="button"
                  className="kern-btn kern-btn--secondary"
                  onClick={() => props.onRemove(index)}
                >
                  <span className="kern-label">{props.removeLabel(item, index)}</span>
                </button>
              </div>
            </div>
          </fieldset>
        );
      })}
      {props.canAdd !== false && (
        <div className="actions">
          <button type="button" className="kern-btn kern-btn--secondary" onClick={props.onAdd}>
            <span className="kern-label">{props.addLabel}</span>
          </button>
        </div>
      )}
    </div>
  );
}
