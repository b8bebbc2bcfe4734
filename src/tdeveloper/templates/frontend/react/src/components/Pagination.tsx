import { pageCount } from "../lib/query";

interface Props {
  page: number;
  total: number;
  /** How the total reads, such as "12 Pets". */
  counted: string;
  onPage(page: number): void;
}

export function Pagination({ page, total, counted, onPage }: Props) {
  const pages = pageCount(total);
  return (
    <div className="pagination">
      <button type="button" className="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span>
        Page {page} of {pages}
      </span>
      <button type="button" className="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
      <span className="muted">{counted}</span>
    </div>
  );
}
