// A note, written in Markdown (CommonMark), rendered safely with the options of markdown-options.ts:
// raw HTML shown as text, only http(s) and mailto links, no image loaded, no style attribute.
import './note.css';
import ReactMarkdown from 'react-markdown';
import { markdownOptions } from './markdown-options.js';

export function Markdown({ text, headingLevel = 4, className }: { text: string; /** The level a note's "#" heading takes. */ headingLevel?: number; className?: string }) {
  return (
    <div className={className ? `markdown ${className}` : 'markdown'}>
      <ReactMarkdown {...markdownOptions(headingLevel)}>{text}</ReactMarkdown>
    </div>
  );
}
