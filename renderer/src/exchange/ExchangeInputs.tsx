// The file choosers behind File ▸ Import notebook bundle…, Import annotations… and Import
// CSL-JSON…: hidden inputs the menu clicks (in answer to the analyst's own click, which is what
// lets the browser open a chooser). Their labels are for tests and assistive technology.
import { useImperativeHandle, useRef, type Ref } from 'react';

export type ExchangeImport = 'bundle' | 'annotations' | 'csl';

export interface ExchangeInputsHandle {
  choose(which: ExchangeImport): void;
}

const INPUTS: { which: ExchangeImport; label: string; accept: string }[] = [
  { which: 'bundle', label: 'Notebook bundle file', accept: '.json,application/json' },
  { which: 'annotations', label: 'Web annotation file', accept: '.jsonld,.json,application/ld+json,application/json' },
  { which: 'csl', label: 'CSL-JSON file', accept: '.json,.csljson,application/json,application/vnd.citationstyles.csl+json' },
];

export function ExchangeInputs({ onFile, ref }: { onFile: (which: ExchangeImport, file: File) => void; ref?: Ref<ExchangeInputsHandle> }) {
  const inputs = useRef<Partial<Record<ExchangeImport, HTMLInputElement | null>>>({});
  useImperativeHandle(ref, () => ({ choose: (which) => inputs.current[which]?.click() }));
  return (
    <>
      {INPUTS.map(({ which, label, accept }) => (
        <input
          key={which}
          ref={(el) => {
            inputs.current[which] = el;
          }}
          type="file"
          hidden
          accept={accept}
          aria-label={label}
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared at once, so choosing the same file again (after a fix) fires a change too.
            e.target.value = '';
            if (file) onFile(which, file);
          }}
        />
      ))}
    </>
  );
}
