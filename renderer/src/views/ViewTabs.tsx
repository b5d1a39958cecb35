// The row of views under the toolbar: Reader, Claims board, Evidence matrix, Hypotheses, Timeline,
// each also on Alt+1…5. Says which is shown with aria-current; never changes the notebook.
import { VIEW_TABS, type TabName, type ViewName } from './views.js';

export function ViewTabs({ current, onSelect }: { current: ViewName; onSelect: (name: TabName) => void }) {
  return (
    <nav className="view-tabs" aria-label="Views">
      {VIEW_TABS.map((tab) => (
        <button
          key={tab.name}
          type="button"
          className="view-tab"
          aria-current={tab.name === current ? 'page' : undefined}
          aria-keyshortcuts={`Alt+${tab.key}`}
          title={`${tab.label} (Alt+${tab.key})`}
          onClick={() => onSelect(tab.name)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
