// The claims an excerpt or a claim is evidence for, each with its relation: a button that inspects
// the claim. One list for the excerpt view (Linked claims) and the claim view (Evidence for other claims).
import type { Id, Link, Notebook } from '../../../notebook/common/model.js';
import { RelationLabel } from '../claims/RelationLabel.js';

export function ClaimLinkList({ notebook, links, labelledBy, onInspectClaim }: { notebook: Notebook; links: Link[]; labelledBy: string; onInspectClaim: (id: Id) => void }) {
  return (
    <ul className="link-list" aria-labelledby={labelledBy}>
      {links.map((link) => {
        const target = notebook.claims[link.toId];
        if (!target) return null;
        return (
          <li key={link.id}>
            <button type="button" className="link-item" onClick={() => onInspectClaim(target.id)}>
              <RelationLabel relation={link.relation} />
              <span className="link-text">{target.statement}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
