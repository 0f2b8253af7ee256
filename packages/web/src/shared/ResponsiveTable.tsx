import { Grid, List, Table, type TableColumnType, type TableProps, Typography } from "antd";
import { type HTMLAttributes, isValidElement, type Key, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";

/** Below antd's `md` (768 px): phones, where tables become cards. */
export function usePhone(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined: assume a desktop, as the server-free first paint did.
  return screens.md === false;
}

/**
 * Where a column goes on a phone card: `title` joins the card's heading (several may, in order),
 * `hidden` is left out, `actions` sits at the card's foot, anything else is a labelled line.
 * Without a `title` column the first column heads the card.
 */
export type PhoneRole = "title" | "hidden" | "actions";
export type ResponsiveColumn<T> = TableColumnType<T> & { phone?: PhoneRole };

export interface ResponsiveTableProps<T> extends Omit<TableProps<T>, "columns"> {
  columns: ResponsiveColumn<T>[];
}

function valueAt(record: object, path: unknown): unknown {
  if (path === undefined || path === null || typeof path === "boolean" || (typeof path === "object" && !Array.isArray(path))) return undefined;
  const parts: unknown[] = Array.isArray(path) ? path : [path];
  let value: unknown = record;
  for (const part of parts) value = value === null || value === undefined ? undefined : (value as Record<string | number, unknown>)[part as string];
  return value;
}

function cellOf<T extends object>(column: ResponsiveColumn<T>, record: T, index: number): ReactNode {
  const value = valueAt(record, column.dataIndex);
  const rendered = column.render ? column.render(value, record, index) : value;
  // A render may answer { children, props } (cell spans): the children are what a card shows.
  if (rendered && typeof rendered === "object" && !isValidElement(rendered) && "children" in (rendered as object))
    return (rendered as { children: ReactNode }).children;
  return rendered as ReactNode;
}

/** Nothing worth a line on a card: no value, an empty list, or the tables' "—". */
const empty = (node: ReactNode) =>
  node === null || node === undefined || node === "" || node === false || node === "—" || (Array.isArray(node) && node.length === 0);

/**
 * antd's Table on a desktop; on a phone each row is a card — a heading from the title columns,
 * then one labelled line per column (wrapping as a whole, never a character per line), actions at
 * the foot — with the same data, loading, empty text, pagination, row click and expansion.
 */
export function ResponsiveTable<T extends object>(props: ResponsiveTableProps<T>) {
  const phone = usePhone();
  const { t } = useTranslation();
  const [open, setOpen] = useState<Set<Key>>(new Set());
  const { columns, dataSource, rowKey = "key", loading, locale, pagination, onChange, onRow, expandable } = props;
  if (!phone) return <Table<T> {...props} columns={columns.map(({ phone: _, ...c }) => c)} />;

  const shown = columns.filter((c) => c.phone !== "hidden" && !c.hidden);
  const titled = shown.some((c) => c.phone === "title");
  const isTitle = (c: ResponsiveColumn<T>, i: number) => (titled ? c.phone === "title" : i === 0);
  const keyOf = (record: T, index: number): Key =>
    typeof rowKey === "function" ? rowKey(record, index) : ((record as Record<string, unknown>)[rowKey as string] as Key);
  const labelOf = (c: ResponsiveColumn<T>): ReactNode => (typeof c.title === "function" ? c.title({}) : c.title);
  const paging =
    pagination === false || !dataSource?.length
      ? false
      : {
          // Only what was given: an undefined `current` would take the list's own paging away.
          ...(pagination?.current !== undefined && { current: pagination.current }),
          ...(pagination?.pageSize !== undefined && { pageSize: pagination.pageSize }),
          ...(pagination?.total !== undefined && { total: pagination.total }),
          ...(pagination?.showTotal !== undefined && { showTotal: pagination.showTotal }),
          simple: true,
          size: "small" as const,
          showSizeChanger: false,
          align: "center" as const,
          onChange: (page: number, pageSize: number) => {
            pagination?.onChange?.(page, pageSize);
            onChange?.({ current: page, pageSize }, {}, [], { action: "paginate", currentDataSource: [] });
          },
        };
  return (
    <List<T>
      className="mb-cards"
      dataSource={(dataSource as T[] | undefined) ?? []}
      loading={loading}
      locale={{ emptyText: locale?.emptyText as ReactNode }}
      pagination={paging}
      rowKey={(record) => keyOf(record, 0)}
      renderItem={(record, index) => {
        const key = keyOf(record, index);
        const attributes = (onRow?.(record, index) ?? {}) as HTMLAttributes<HTMLElement>;
        const expanded = open.has(key);
        const expansion = expandable?.expandedRowRender && (expandable.rowExpandable?.(record) ?? true);
        return (
          // A list item: antd's List is a <ul>, which may hold only <li> (axe: list).
          <li {...attributes} className={`mb-card ${attributes.className ?? ""}`} data-card-key={String(key)}>
            <div className="mb-card-title">
              {shown.map((c, i) =>
                isTitle(c, i) && !empty(cellOf(c, record, index)) ? <span key={String(c.key ?? i)}>{cellOf(c, record, index)}</span> : null,
              )}
            </div>
            <div className="mb-card-lines">
              {shown.map((c, i) => {
                if (isTitle(c, i) || c.phone === "actions") return null;
                const cell = cellOf(c, record, index);
                if (empty(cell)) return null;
                const label = labelOf(c);
                return (
                  <div className="mb-card-line" key={String(c.key ?? i)}>
                    {!empty(label) && <Typography.Text type="secondary">{label}</Typography.Text>}
                    <span>{cell}</span>
                  </div>
                );
              })}
            </div>
            {(expansion || shown.some((c) => c.phone === "actions")) && (
              <div className="mb-card-actions">
                {shown.map((c, i) =>
                  c.phone === "actions" ? (
                    <span className="mb-card-action" key={String(c.key ?? i)}>
                      {!empty(labelOf(c)) && <Typography.Text type="secondary">{labelOf(c)}</Typography.Text>}
                      {cellOf(c, record, index)}
                    </span>
                  ) : null,
                )}
                {expansion && (
                  <Typography.Link
                    onClick={(e) => {
                      e.stopPropagation();
                      setOpen((s) => {
                        const next = new Set(s);
                        if (next.has(key)) next.delete(key);
                        else next.add(key);
                        return next;
                      });
                    }}
                    aria-expanded={expanded}
                  >
                    {t(expanded ? "phone.collapse" : "common.detail")}
                  </Typography.Link>
                )}
              </div>
            )}
            {expanded && expandable?.expandedRowRender && <div className="mb-card-expanded">{expandable.expandedRowRender(record, index, 0, true)}</div>}
          </li>
        );
      }}
    />
  );
}
